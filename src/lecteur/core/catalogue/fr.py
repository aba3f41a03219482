"""Les phrases de core et de la ligne de commande, en français (les clés de en.py, toutes)."""

from __future__ import annotations

SENTENCES: dict[str, str] = {
    # Sources : fichiers, entrée standard
    "source.stdin_too_large": "L’entrée standard est trop grande pour être lue (plus de 10 Mo).",
    "source.stdin_empty": "L’entrée standard est vide.",
    "source.folder": "{source} est un dossier, pas un article.",
    "source.too_large": "{source} est trop grand pour être lu (plus de 10 Mo).",
    "source.missing": "{source} n’existe pas (ni fichier, ni adresse http(s)).",
    "source.permission": "{source} ne peut pas être lu : permission refusée.",
    "source.unreadable": "{source} ne peut pas être lu : {reason}.",
    "source.binary": "{source} n’est pas du texte (on dirait un fichier binaire).",
    # Téléchargement
    "fetch.dash": "Refusé {raw!r} : une adresse web ne peut pas commencer par « - ».",
    "fetch.controls": "Refusé {raw!r} : l’adresse contient des caractères de contrôle.",
    "fetch.malformed": "Refusé {raw!r} : l’adresse est mal formée.",
    "fetch.scheme": "Refusé {raw!r} : seules les adresses http et https sont lues "
                    "(« {scheme}: »).",
    "fetch.no_scheme": "Refusé {raw!r} : seules les adresses http et https sont lues "
                       "(aucun schéma).",
    "fetch.no_host": "Refusé {raw!r} : l’adresse n’a pas de nom d’hôte.",
    "fetch.redirects": "Abandon de {url} : plus de {count} redirections.",
    "fetch.certificate": "Impossible de lire {url} : son certificat de sécurité n’est pas "
                         "valide.",
    "fetch.unknown_host": "Le site {host} est introuvable : vérifiez l’adresse.",
    "fetch.connection_failed": "Impossible de joindre {host} : la connexion a échoué.",
    "fetch.connect_timeout": "Impossible de joindre {host} : pas de réponse à temps.",
    "fetch.head_timeout": "{host} a cessé de répondre avant d’envoyer la page.",
    "fetch.redirect_nowhere": "{url} redirige vers nulle part.",
    "fetch.redirect_refused": "{url} redirige vers une adresse que lecteur n’ouvre pas.",
    "fetch.status": "Le site a répondu {status} {reason} pour {url}.",
    "fetch.not_article": "{url} n’est pas un article : c’est du {media_type}.",
    "fetch.insecure_redirect": "{url} redirige d’une adresse sécurisée (https) vers une adresse "
        "qui ne l’est pas ; lecteur ne la suit pas.",
    "fetch.too_slow": "{url} a mis trop de temps à envoyer la page (plus de {seconds:g} s).",
    "fetch.stalled": "{url} a cessé d’envoyer avant la fin de la page.",
    "fetch.broken": "La connexion à {url} a été coupée avant la fin de la page.",
    "fetch.too_large": "{url} est trop grand pour être lu (plus de {mb} Mo).",
    "fetch.damaged": "{url} a envoyé une page compressée abîmée.",
    # Extraction
    "extract.none": "Aucun article n’a été trouvé dans {source}.",
    "extract.too_short": "{source} ne ressemble pas à un article (seulement {words} mots de "
                         "texte).",
    "extract.empty": "{source} ne contient aucun texte à lire.",
    "extract.timeout": "La lecture de {source} a pris trop de temps (plus de {seconds:g} s).",
    "extract.too_complex": "{source} est trop grand ou trop complexe pour être lu.",
    "extract.too_large": "{source} est trop grand pour être lu.",
    "extract.too_deep": "{source} est imbriqué trop profondément pour être lu.",
    "extract.malformed": "Impossible de lire {source} : la page est mal formée.",
    # La bibliothèque et les réglages
    "tags.empty": "Une étiquette a besoin d’au moins un caractère visible.",
    "views.unknown_flag": "Marque inconnue {flag!r}.",
    "library.open_failed": "Impossible d’ouvrir la bibliothèque {path} : {reason}.",
    "library.save_failed": "La bibliothèque n’a pas pu enregistrer ce changement : {reason}.",
    "library.write_failed": "La bibliothèque ne peut pas être modifiée : {reason}.",
    "library.busy": "La bibliothèque est occupée : un autre lecteur y écrit. Réessayez.",
    "library.newer": "Cette bibliothèque a été écrite par un lecteur plus récent (schéma "
                     "{version} ; celui-ci connaît jusqu’au {latest}). Mettez lecteur à jour "
                     "pour l’ouvrir.",
    "library.create_failed": "Impossible de créer une bibliothèque dans {path} : {reason}.",
    "library.read_failed": "Impossible de lire la bibliothèque {path} : {reason}.",
    "library.backup_failed": "Impossible de sauvegarder la bibliothèque {path} : {reason}.",
    "library.restore_failed": "Impossible de restaurer la bibliothèque {path} : {reason}.",
    "library.disk_full": "Le disque est plein : ce changement n’a pas été enregistré, et tout "
                         "ce qui l’a été avant est intact. Libérez de la place et réessayez.",
    "library.read_only": "La bibliothèque {path} est en lecture seule : elle peut être lue, "
                         "mais pas modifiée.",
    "library.read_only_older": "La bibliothèque {path} a été écrite par un lecteur plus ancien "
                               "et ne peut pas être mise à jour ici, car elle est en lecture "
                               "seule ou endommagée.",
    "library.damaged_restore": "La bibliothèque {path} est endommagée ({detail}) ; elle a été "
                               "laissée telle quelle, ses articles peuvent encore être lus, et "
                               "« lecteur restore » ramène la sauvegarde du {taken}.",
    "library.damaged_no_backup": "La bibliothèque {path} est endommagée ({detail}) ; elle a "
                                 "été laissée telle quelle, ses articles peuvent encore être "
                                 "lus, et il n’y a pas encore de sauvegarde : gardez ce qui "
                                 "compte avec « lecteur show ID ».",
    "library.not_a_library": "{folder} n’est pas une bibliothèque de lecteur : ce dossier "
                             "contient d’autres fichiers ({found}), donc lecteur n’y écrira "
                             "pas ; donnez à --library un dossier vide ou nouveau.",
    "library.no_new_name": "Impossible de nommer un nouveau fichier dans {folder}.",
    "library.no_backup": "Il n’y a aucune sauvegarde de {path} à restaurer.",
    "library.no_such_backup": "Il n’y a pas de sauvegarde à {backup}.",
    "library.backup_damaged": "La sauvegarde {backup} est endommagée elle aussi ({detail}) ; "
                              "choisissez-en une autre avec « lecteur restore SAUVEGARDE ».",
    "library.open_elsewhere": "Un autre lecteur a cette bibliothèque ouverte : fermez-le, puis "
                              "restaurez.",
    "config.invalid_toml": "{path} n’est pas du TOML valide ({reason}) ; {key} n’a pas été "
                           "enregistré.",
    # La ligne de commande : ce que disent les commandes
    "cli.added": "ajouté #{id} : ",
    "cli.updated": "mis à jour #{id} : ",
    "library.article_gone": "L’article #{id} n’est plus dans la bibliothèque.",
    "cli.text_kept": " (son texte a changé : le texte précédent est gardé)",
    "cli.no_such_version": "L’article #{id} a {count} texte(s) antérieur(s).",
    "cli.help.earlier": "afficher le Ne texte antérieur de l’article (1 est le plus ancien)",
    "cli.earlier_kept": "{count} texte(s) antérieur(s) gardé(s) : lecteur show {id} --earlier "
        "{count}",
    "cli.purged": "#{id} supprimé définitivement",
    "cli.trashed": "#{id} mis à la corbeille : {title} ('lecteur trash restore {id}' le rétablit)",
    "cli.in_trash": "L’article #{id} est dans la corbeille ; 'lecteur trash restore {id}' le "
        "rétablit.",
    "cli.already_in_trash": "L’article #{id} est déjà dans la corbeille ; 'lecteur rm --purge "
        "{id}' le supprime définitivement.",
    "cli.emptied_one": "corbeille vidée : 1 article supprimé définitivement",
    "cli.emptied": "corbeille vidée : {count} articles supprimés définitivement",
    "cli.already_empty": "La corbeille était déjà vide.",
    "cli.trash_empty": "La corbeille est vide.",
    "cli.trash_hint": "'lecteur trash restore ID' en rétablit un ; 'lecteur trash empty' les "
        "supprime définitivement.",
    "cli.not_anywhere": "Il n’y a pas d’article #{id} dans la bibliothèque ni dans la corbeille.",
    "cli.restored": "#{id} rétabli : {title}",
    "cli.not_in_trash": "L’article #{id} n’est pas dans la corbeille.",
    "cli.help.purge": "supprimer définitivement au lieu de mettre à la corbeille",
    "cli.help.trash": "lister la corbeille, en rétablir des articles ou la vider",
    "cli.help.restore": "remettre des articles dans la bibliothèque",
    "cli.help.trash_ids": "numéros d’articles (voir lecteur trash)",
    "cli.help.empty": "supprimer définitivement tous les articles de la corbeille",
    "cli.empty": "La bibliothèque est vide : ajoutez un article avec « lecteur add URL ».",
    "cli.shown_of": "{shown} sur {total} affichés ; --limit 0 pour tout voir.",
    "cli.no_match": "Rien dans la bibliothèque ne correspond à {query!r}.",
    "cli.no_article": "Il n’y a pas d’article {ids} dans la bibliothèque.",
    "cli.no_kept_quotes": "Aucune citation gardée dans la bibliothèque.",
    "cli.no_kept_quotes_by": "Aucune citation gardée de {speaker} dans la bibliothèque.",
    "cli.nobody_called": "Personne ne s’appelle {name!r} dans la bibliothèque.",
    "cli.no_quotes": "Aucune citation dans la bibliothèque.",
    "cli.no_quotes_by": "Aucune citation de {speaker} dans la bibliothèque.",
    "cli.no_author": "Aucun article enregistré n’est de {name!r}.",
    "cli.nobody": "Personne pour l’instant : ajoutez des articles avec « lecteur add URL ».",
    "cli.speaker_unknown": "(auteur de la citation inconnu)",
    "cli.saved_pieces": "{count} article(s) enregistré(s){span} :",
    "cli.span": ", du {first} au {last}",
    "cli.minutes": "{minutes} min",
    "cli.damaged_part": "Cette partie de la bibliothèque endommagée ne peut pas être lue.",
    "cli.nothing_to_back_up": "Il n’y a pas de bibliothèque {path} à sauvegarder.",
    "cli.backed_up": "sauvegardée dans {path}",
    "cli.no_backup_yet": "Il n’y a pas encore de sauvegarde de {path}.",
    "cli.restored_backup": "sauvegarde du {taken} restaurée ({path})",
    "cli.replaced_kept": "la bibliothèque qu’elle remplace est gardée sous le nom {path}",
    "cli.cannot_open": "Impossible d’ouvrir la bibliothèque : {reason}.",
    "cli.interrupted": "Interrompu : rien n’a été enregistré à moitié.",
    "cli.crashed": "une erreur inattendue est survenue ({kind}) ; détails dans {log}",
    "cli.unknown_error": "erreur inconnue",
    "cli.dirs.library": "bibliothèque",
    "cli.dirs.data": "données",
    "cli.dirs.config": "réglages",
    "cli.dirs.cache": "cache",
    # La ligne de commande : en-têtes des tableaux
    "cli.col.id": "id",
    "cli.col.date": "date",
    "cli.col.title": "titre",
    "cli.col.author": "auteur",
    "cli.col.site": "site",
    "cli.col.min": "min",
    "cli.col.name": "nom",
    "cli.col.quotes": "citations",
    "cli.col.quoted_in": "cité dans",
    "cli.col.wrote": "a écrit",
    "cli.col.first": "premier",
    "cli.col.last": "dernier",
    # La ligne de commande : erreurs d’utilisation (celles d’argparse, en une ligne)
    "cli.usage": "{message} (usage : {usage})",
    "cli.args.invalid_int": "nombre entier invalide : {value!r}",
    "cli.args.too_large": "{value} est trop grand (au plus {largest})",
    "cli.args.too_small": "{value} est trop petit (au moins {smallest})",
    "cli.args.invalid_choice": "choix invalide : {value} (au choix : {choices})",
    "cli.args.required": "arguments obligatoires manquants : {names}",
    "cli.args.unrecognized": "arguments non reconnus : {names}",
    "cli.args.expected_one": "une valeur est attendue",
    "cli.args.argument": "argument {name} : {message}",
    # La ligne de commande : aide
    "cli.help.usage_prefix": "usage : ",
    "cli.help.positionals": "arguments",
    "cli.help.options": "options",
    "cli.help.help": "afficher cette aide et quitter",
    "cli.help.version": "afficher la version et quitter",
    "cli.help.description": "Un lecteur calme, dans le terminal, pour les articles de conseils, "
                            "en français et en anglais.",
    "cli.help.library": "utiliser la bibliothèque du dossier DIR (par défaut : $LECTEUR_HOME "
                        "ou le dossier de données)",
    "cli.help.lang": "la langue (par défaut : le fichier de réglages, puis la locale)",
    "cli.help.read": "afficher des articles nettoyés ; rien n’est enregistré",
    "cli.help.source": "une adresse http(s), un fichier .html ou texte, ou - pour l’entrée "
                       "standard",
    "cli.help.format": "text pour lire, json pour un objet par source et par ligne",
    "cli.help.add": "enregistrer des articles dans la bibliothèque",
    "cli.help.ls": "lister la bibliothèque, du plus récent au plus ancien",
    "cli.help.ls_limit": "afficher au plus N articles (0 pour tous ; 50 par défaut)",
    "cli.help.json": "afficher du JSON",
    "cli.help.show": "afficher un article enregistré",
    "cli.help.id": "le numéro de l’article (voir ls)",
    "cli.help.search": "recherche plein texte dans la bibliothèque",
    "cli.help.query": "mots à trouver (« une expression », préfixe*)",
    "cli.help.search_limit": "afficher au plus N résultats (50 par défaut)",
    "cli.help.rm": "mettre des articles à la corbeille (--purge : les supprimer)",
    "cli.help.ids": "numéros d’articles (voir ls)",
    "cli.help.quotes": "les citations de la bibliothèque, par personne citée",
    "cli.help.speaker": "seulement les citations dont l’auteur contient NAME",
    "cli.help.quotes_limit": "afficher au plus N citations (par défaut : toutes)",
    "cli.help.people": "les personnes citées ou qui écrivent dans la bibliothèque",
    "cli.help.name": "afficher cette personne (une partie du nom, accents ignorés) : la fiche "
        "d’un auteur et ses articles, les citations d’un intervenant",
    "cli.help.kept": "seulement les citations gardées dans le lecteur (s dans la vue Citations)",
    "cli.help.backup": "sauvegarder la bibliothèque maintenant (c’est aussi fait chaque jour)",
    "cli.help.restore_backup": "remettre une sauvegarde à la place de la bibliothèque",
    "cli.help.backup_name": "le chemin ou le nom de fichier d’une sauvegarde (par défaut : la "
                            "plus récente)",
    "cli.help.backup_list": "lister les sauvegardes, de la plus récente à la plus ancienne",
    "cli.help.dirs": "où sont la bibliothèque, les réglages et le cache",
}
