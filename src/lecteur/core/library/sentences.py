"""What the library's storage says when it cannot do something, in English and French.

Keyed as ``lecteur.core.catalogue`` keys its sentences (the four ``library.*`` keys that
already exist there keep their wording and placeholders), so that these entries can move
into that catalogue as they are, each ``Kind(say(KEY, **values))`` becoming
``Kind(KEY, **values)``. Until then `say` gives the English sentence.
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    "library.open_failed": "Cannot open the library at {path}: {reason}.",
    "library.save_failed": "The library could not save this change: {reason}.",
    "library.write_failed": "The library cannot be written: {reason}.",
    "library.busy": "The library is busy: another lecteur is writing to it. Try again.",
    "library.newer": "This library was written by a newer lecteur (schema {version}; this one "
                     "knows up to {latest}). Upgrade lecteur to open it.",
    "library.create_failed": "Cannot make a library at {path}: {reason}.",
    "library.read_failed": "Cannot read the library at {path}: {reason}.",
    "library.backup_failed": "Cannot back up the library at {path}: {reason}.",
    "library.restore_failed": "Cannot restore the library at {path}: {reason}.",
    "library.disk_full": "The disk is full: this change was not saved, and everything saved "
                         "before is safe. Free some space and try again.",
    "library.read_only": "The library at {path} is read-only: it can be read but not changed.",
    "library.read_only_older": "The library at {path} was written by an older lecteur and "
                               "cannot be upgraded here, because it is read-only or damaged.",
    "library.damaged_restore": "The library at {path} is damaged ({detail}); it was left "
                               "untouched, its articles can still be read, and 'lecteur "
                               "restore' brings back the backup of {taken}.",
    "library.damaged_no_backup": "The library at {path} is damaged ({detail}); it was left "
                                 "untouched, its articles can still be read, and no backup "
                                 "exists yet, so save what matters with 'lecteur show ID'.",
    "library.not_a_library": "{folder} is not a lecteur library: it holds other files "
                             "({found}), so lecteur will not write there; give --library an "
                             "empty or new folder.",
    "library.no_new_name": "Cannot name a new file in {folder}.",
    "library.no_backup": "There is no backup of {path} to restore.",
    "library.no_such_backup": "There is no backup at {backup}.",
    "library.backup_damaged": "The backup {backup} is damaged too ({detail}); choose another "
                              "with 'lecteur restore BACKUP'.",
    "library.open_elsewhere": "Another lecteur has this library open: close it, then restore.",
}

FRENCH: dict[str, str] = {
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
                               "laissée telle quelle, ses articles peuvent encore être lus, "
                               "et « lecteur restore » ramène la sauvegarde du {taken}.",
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
}


def say(key: str, /, **values: object) -> str:
    """The English sentence `key` with `values` in its placeholders."""
    return ENGLISH[key].format(**values)
