"""The only sockets in lecteur: fetching pages (urllib3), decoding them, turning a SOURCE
(URL, file, standard input) into an extraction job."""
