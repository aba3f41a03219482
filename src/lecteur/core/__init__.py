"""The engine of lecteur: fetching, extraction, the library and exports.

Nothing in this package imports Textual, so the command line, scripts and tests can use it
without paying for (or depending on) the terminal UI.
"""
