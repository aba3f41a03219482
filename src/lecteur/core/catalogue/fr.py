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
    # Flux et listes OPML
    "fetch.not_feed": "{url} n’est pas un flux : c’est du {media_type}.",
    "fetch.throttled": "{url} a demandé à lecteur de revenir plus tard.",
    "fetch.throttled_wait": "{url} a demandé à lecteur de revenir plus tard (dans "
        "{seconds:.0f} s).",
    "feeds.web_page": "{url} est une page web, pas un flux.",
    "feeds.empty": "{url} a envoyé un document vide, pas un flux.",
    "feeds.not_feed": "{url} n’est pas un flux (ni RSS, ni Atom, ni RDF).",
    "feeds.too_malformed": "{url} est un flux trop mal formé pour être lu.",
    "feeds.malformed_xml": "{url} n’est pas un flux que lecteur sait lire (XML mal formé).",
    "feeds.not_well_formed": "{url} est mal formé ; lecteur en a lu ce qu’il a pu.",
    "feeds.names_no_feed": "{url} est une page web qui n’indique aucun flux.",
    "feeds.private_link": "Refusé {url} : le lien d’un flux ne peut mener à une adresse privée "
        "que si le flux y est lui-même.",
    "feeds.no_such": "Il n’y a pas de flux {ids}.",
    "feeds.title_empty": "Un titre a besoin d’au moins un caractère visible.",
    "feeds.opml_title": "Abonnements de lecteur",
    "feeds.subscribed_waiting": ("{url} a demandé à lecteur de revenir plus tard : "
                                 "abonnement fait quand même ; la première actualisation "
                                 "après {until} le télécharge."),
    "feeds.waiting": "Pas redemandé avant {until} : le site a demandé à lecteur d’attendre.",
    "feeds.bug": "{url} n’a pas pu être lu ({kind}).",
    "opml.the_file": "le fichier",
    "opml.too_large": "{source} est trop grand pour être une liste OPML (plus de 10 Mo).",
    "opml.entities": "{source} déclare des entités XML ; lecteur refuse de le lire.",
    "opml.malformed": "{source} n’est pas du XML bien formé ({reason}).",
    "opml.not_opml": "{source} n’est pas une liste OPML (sa racine est <{root}>).",
    "opml.no_body": "{source} est une liste OPML sans <body>.",
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
    "tags.unknown": "Il n’y a pas d’étiquette #{name}.",
    "views.unknown_flag": "Marque inconnue {flag!r}.",
    "backup.invalid": "Ce fichier ne peut pas être importé : {reason}.",
    "backup.newer": "Cette sauvegarde a été écrite par un lecteur plus récent (schéma "
                    "{version} ; celui-ci connaît jusqu’au {latest}). Mettez lecteur à jour "
                    "pour l’importer.",
    "backup.not_empty": "Une sauvegarde s’importe dans une bibliothèque vide ; celle-ci "
                        "contient des articles (--library DOSSIER pour en créer une).",
    # Exports : les mots écrits dans les fichiers Markdown
    "export.author": "L’auteur",
    "export.highlights": "Passages surlignés",
    "export.quotes": "Citations",
    "export.note": "Ma note",
    "export.source": "Lire à la source",
    "export.kept": "gardée",
    "export.changed_at_source": "modifié à la source : n’est plus dans l’article",
    "export.unknown_speaker": "Sans nom",
    "export.untagged": "Sans étiquette",
    "export.playbook": "Carnet",
    "export.marker": "lecteur garde ce que vous écrivez sous cette ligne",
    "export.bad_template": "Le modèle d’export {name} est inutilisable : {reason}.",
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
    "config.feed_age_days": "{path} : feed_age_days doit être un nombre entier de jours, de 0 "
                            "(jamais) à 36500 ; {default} est utilisé.",
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
    "cli.unknown_view": "Il n’y a pas de vue {name!r} : in: prend inbox, saved, starred, "
        "archive ou trash.",
    "cli.search_what": "Dites quoi chercher : des mots, ou --tag ou --view.",
    "cli.no_tag": "Il n’y a pas d’étiquette #{name} dans la bibliothèque.",
    "cli.scope_empty": "Aucun article dans {where}.",
    "cli.the_view": "la vue {view}",
    "cli.and": " et ",
    "cli.first_shown": "Les {count} premiers affichés ; --limit 0 pour tous.",
    "cli.tagged": "#{id} étiqueté {tags}",
    "cli.untagged": "#{id} n’est plus étiqueté {tags}",
    "cli.not_tagged": "L’article #{id} n’a pas l’étiquette {tags}.",
    "cli.tag_renamed": "#{old} renommée #{new} sur {count} articles",
    "cli.tag_renamed_one": "#{old} renommée #{new} sur 1 article",
    "cli.tag_deleted": "#{name} retirée de {count} articles",
    "cli.tag_deleted_one": "#{name} retirée d’un article",
    "cli.no_tags": "Aucune étiquette pour l’instant : étiquetez un article avec "
        "'lecteur tag ID TAG'.",
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
    "cli.noted": "note n° {note} sur #{id}",
    "cli.note_empty": "La note est vide : rien n’a été enregistré.",
    "cli.no_editor": "Aucun texte donné et aucun éditeur défini : donnez la note en argument, "
                     "ou - (entrée standard), ou définissez $EDITOR.",
    "cli.editor_failed": "L’éditeur {editor!r} a échoué ({reason}) ; rien n’a été enregistré.",
    "cli.passage_missing": "Ce passage n’est pas dans l’article #{id} : rien n’a été surligné.",
    "cli.highlighted": "passage n° {highlight} surligné dans #{id} (bloc {block})",
    "cli.changed_at_source": "(modifié à la source : n’est plus dans l’article)",
    "cli.changed_at_source_earlier": "(modifié à la source : n’est plus dans l’article ; tel "
                                     "qu’il était : lecteur show {id} --earlier {number})",
    "cli.no_notes": "Aucune note ni passage surligné pour l’instant.",
    "cli.export_where": "Dites où exporter : --out DOSSIER pour un fichier par article, ou "
                        "--single-file FICHIER.",
    "cli.export_failed": "L’export n’a pas pu être écrit : {reason}.",
    "cli.export_new": "nouveau : {path}",
    "cli.export_updated": "mis à jour : {path}",
    "cli.export_forced": "réécrit (votre texte gardé sous le repère) : {path}",
    "cli.export_edited": "{path} a été modifié à la main au-dessus du repère de lecteur : "
                         "laissé tel quel (--force le réécrit et garde votre texte sous le "
                         "repère).",
    "cli.json_backup_written": "sauvegarde JSON écrite dans {path}",
    "cli.exported": "{count} article(s) exporté(s) dans {folder}",
    "cli.exported_none": "Rien à exporter : aucun article n'est sauvegardé, étiqueté ou "
                         "annoté ; {folder} {left}.",
    "cli.exported_none_tag": "Rien à exporter : aucun article ne porte l'étiquette #{tag} ; "
                             "{folder} {left}.",
    "cli.exported_none_kept": "est resté tel quel",
    "cli.exported_none_absent": "n'a pas été créé",
    "cli.import_unreadable": "Impossible de lire {file} : {reason}.",
    "cli.imported": "importé : {articles} article(s), {notes} note(s), {highlights} passage(s) "
                    "surligné(s)",
    "cli.no_quote": "Il n’y a pas de citation n° {id} dans la bibliothèque.",
    "cli.no_highlight": "Il n’y a pas de passage surligné n° {id} dans la bibliothèque.",
    "cli.card_written": "carte écrite dans {path}",
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
    "cli.col.snippet": "extrait",
    "cli.col.relevance": "pertinence",
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
    "cli.help.sort": "trier par date d'ajout (le plus récent d'abord) ou par pertinence pour "
        "vos sujets",
    "cli.help.next": "les lectures non lues les mieux classées qui tiennent dans votre temps",
    "cli.help.minutes": "combien de minutes vous avez (10 par défaut)",
    "cli.bad_minutes": "{value!r} est trop long pour une séance de lecture (une journée au "
        "plus).",
    "cli.unscored": "pas encore évalué",
    "curate.profile_problem": "{path} est inutilisable ({reason}) ; lecteur évalue avec son "
        "propre profil de sujets en attendant.",
    "cli.relevance": "pertinence {score:.2f}",
    "cli.relevance_why": "pertinence {score:.2f} : {why}",
    "cli.next_none": "Rien de non lu ne tient en {minutes} minutes.",
    "cli.next_plan_measured": "{count} à lire en environ {used} de vos {minutes} minutes, "
        "à votre rythme ({wpm} mots par minute).",
    "cli.next_plan_default": "{count} à lire en environ {used} de vos {minutes} minutes, "
        "à {wpm} mots par minute (en attendant que le lecteur mesure votre rythme).",
    "cli.help.ls_limit": "afficher au plus N articles (0 pour tous ; 50 par défaut)",
    "cli.help.json": "afficher du JSON",
    "cli.help.show": "afficher un article enregistré",
    "cli.help.id": "le numéro de l’article (voir ls)",
    "cli.help.search": "recherche plein texte dans la bibliothèque",
    "cli.help.query": "mots à trouver (« une expression » ; le dernier mot est un préfixe), "
        "in:VUE, #ÉTIQUETTE",
    "cli.help.search_limit": "afficher au plus N résultats (0 pour tous ; 50 par défaut)",
    "cli.help.rm": "mettre des articles à la corbeille (--purge : les supprimer)",
    "cli.help.ids": "numéros d’articles (voir ls)",
    "cli.help.quotes": "les citations de la bibliothèque, par personne citée",
    "cli.help.speaker": "seulement les citations dont l’auteur contient NAME",
    "cli.help.quotes_limit": "afficher au plus N citations (par défaut : toutes)",
    "cli.help.people": "les personnes citées ou qui écrivent dans la bibliothèque",
    "cli.help.name": "afficher cette personne (une partie du nom, accents ignorés) : la fiche "
        "d’un auteur et ses articles, les citations d’un intervenant",
    "cli.help.kept": "seulement les citations gardées dans le lecteur (s dans la vue Citations)",
    "cli.help.note": "écrire une note sur un article (dans $EDITOR sans texte donné)",
    "cli.help.note_text": "la note (Markdown) ; - lit l’entrée standard",
    "cli.help.highlight": "surligner un passage d’un article, trouvé par son texte",
    "cli.help.passage": "le passage, tel que l’article l’écrit (espaces et guillemets peuvent "
                        "différer)",
    "cli.help.highlight_note": "une note sur le passage surligné",
    "cli.help.notes": "les notes et passages surlignés d’un article, ou de toute la bibliothèque",
    "cli.help.notes_id": "seulement ceux de cet article (par défaut : tout article annoté)",
    "cli.help.export": "sortir la bibliothèque : fichiers Markdown, carnet, ou sauvegarde JSON",
    "cli.help.export_format": "markdown (fichiers, par défaut) ou json (sauvegarde complète sur "
                              "la sortie standard)",
    "cli.help.export_out": "le dossier des fichiers Markdown (un par article gardé) ; avec "
                           "json, le fichier de sauvegarde (par défaut : la sortie standard)",
    "cli.help.export_tag": "seulement les articles portant l’étiquette TAG",
    "cli.help.single_file": "un seul fichier Markdown de tous les passages et notes, cités",
    "cli.help.group_by": "comment le fichier unique regroupe les passages : par étiquette "
                         "(tag) ou par personne citée (speaker)",
    "cli.help.force": "réécrire les fichiers modifiés à la main (leur texte est gardé sous le "
                      "repère)",
    "cli.help.import": "importer une sauvegarde JSON (export --format json) dans une bibliothèque "
                       "vide, ou un export de Pocket, Instapaper, wallabag, Omnivore ou des "
                       "favoris d’un navigateur",
    "cli.help.import_file": "le fichier de sauvegarde ou d’export (un zip d’Omnivore ou son "
                            "dossier), ou - pour l’entrée standard",
    "cli.help.card": "une citation ou un passage surligné en carte à partager (SVG ou texte)",
    "cli.help.card_id": "le numéro de la citation (voir quotes --json), ou du passage",
    "cli.help.card_highlight": "ID est celui d’un passage surligné (voir notes --json)",
    "cli.help.card_format": "svg (une image, par défaut) ou text (texte)",
    "cli.help.card_out": "écrire la carte dans FICHIER (par défaut : la sortie standard)",
    "cli.help.backup": "sauvegarder la bibliothèque maintenant (c’est aussi fait chaque jour)",
    "cli.help.restore_backup": "remettre une sauvegarde à la place de la bibliothèque",
    "cli.help.backup_name": "le chemin ou le nom de fichier d’une sauvegarde (par défaut : la "
                            "plus récente)",
    "cli.help.backup_list": "lister les sauvegardes, de la plus récente à la plus ancienne",
    "cli.help.dirs": "où sont la bibliothèque, les réglages et le cache",
    # La ligne de commande : lecteur feeds
    "cli.feeds.what": "Dites quoi faire des flux : add, ls, rm, rename, tag, import, export ou "
        "refresh (voir lecteur feeds --help).",
    "cli.feeds.added": "flux #{id} ajouté : {title} ({items})",
    "cli.feeds.already": "déjà abonné : flux #{id} : {title} ({items})",
    "cli.feeds.new_item": "1 nouvel article",
    "cli.feeds.new_items": "{count} nouveaux articles",
    "cli.feeds.none": "Aucun flux pour l’instant : ajoutez-en un avec « lecteur feeds add URL », "
        "ou « lecteur feeds import --starter » pour une sélection de départ.",
    "cli.feeds.never": "jamais",
    "cli.feeds.removed": "flux #{id} retiré",
    "cli.feeds.no_such": "Il n’y a pas de flux {ids} (voir lecteur feeds ls).",
    "cli.feeds.renamed": "flux #{id} : {title}",
    "cli.help.feeds_fulltext": "récupérer l’article complet des éléments : on, off ou auto",
    "cli.help.fulltext_mode": "on, off, ou auto (quand le texte du flux est court ; par défaut)",
    "cli.feeds.fulltext_on": ("flux #{id} : l’article complet de chaque élément est récupéré "
                            "(dès maintenant pour ses derniers éléments qui gardent le texte "
                            "du flux)"),
    "cli.feeds.fulltext_caught_up": "{done} articles complets récupérés sur {total}",
    "cli.feeds.fulltext_off": "flux #{id} : ses éléments gardent le texte du flux",
    "cli.feeds.fulltext_auto": ("flux #{id} : l’article complet d’un nouvel élément est "
                              "récupéré quand le texte du flux est court"),
    "cli.feeds.no_tag": "Le flux #{id} n’a pas l’étiquette {tag!r}.",
    "cli.feeds.tagged": "flux #{id} : étiquette {tag} ajoutée",
    "cli.feeds.untagged": "flux #{id} : étiquette {tag} retirée",
    "cli.feeds.file_or_starter": "Donnez un fichier OPML, ou --starter pour la sélection de "
        "départ (pas les deux).",
    "cli.feeds.starter_pack": "la sélection de départ",
    "cli.feeds.imported_one": "1 flux ajouté, {known} déjà là, {refused} refusé(s) ; "
        "« lecteur feeds refresh » les télécharge.",
    "cli.feeds.imported": "{added} flux ajoutés, {known} déjà là, {refused} refusé(s) ; "
        "« lecteur feeds refresh » les télécharge.",
    "cli.feeds.file_missing": "{name} n’existe pas.",
    "cli.feeds.file_folder": "{name} est un dossier, pas un fichier OPML.",
    "cli.feeds.file_unreadable": "{name} ne peut pas être lu : {reason}.",
    "cli.feeds.nothing_to_refresh": "Aucun flux à actualiser : ajoutez-en un avec "
        "« lecteur feeds add URL ».",
    "cli.feeds.feed": "1 flux",
    "cli.feeds.feeds": "{count} flux",
    "cli.feeds.summary": "{feeds} : {items} ; {changed} changé(s), {unchanged} inchangé(s), "
        "{failed} en échec, {skipped} laissé(s) de côté.",
    "cli.feeds.refreshing": "actualisation",
    "cli.feeds.full_text_of": "texte intégral : {link}",
    "cli.feeds.full_text_failed": "texte intégral de {link} : {error}",
    "cli.feeds.line_new": "[{done}/{total}] {title} : {count} nouveau(x)",
    "cli.feeds.line_unchanged": "[{done}/{total}] {title} : inchangé",
    "cli.feeds.line_full_text": "[texte intégral {done}/{total}] {link}",
    "cli.col.unread": "non lus",
    "cli.col.tags": "étiquettes",
    "cli.col.last_success": "dernier succès",
    "cli.col.url": "url",
    "cli.help.feeds": "s’abonner à des flux, importer/exporter de l’OPML, actualiser",
    "cli.help.feeds_add": "s’abonner à un flux, ou au flux qu’indique une page",
    "cli.help.feed_url": "l’adresse http(s) d’un flux ou d’une page qui l’indique",
    "cli.help.feed_tag": "étiqueter le flux (répétable)",
    "cli.help.no_full_text": "garder le texte du flux ; ne pas télécharger les articles complets",
    "cli.help.feeds_ls": "titre, adresse, étiquettes, non lus, dernier succès, dernière erreur",
    "cli.help.feeds_rm": "se désabonner (les articles gardés restent)",
    "cli.help.feed_ids": "numéros de flux (voir feeds ls)",
    "cli.help.feeds_rename": "donner à un flux votre propre titre",
    "cli.help.feed_id": "le numéro du flux",
    "cli.help.feed_title": "le nouveau titre",
    "cli.help.feeds_tag": "étiqueter un flux (un dossier en OPML)",
    "cli.help.feed_tag_name": "l’étiquette",
    "cli.help.feed_untag": "retirer l’étiquette plutôt",
    "cli.help.feeds_import": ("s’abonner aux flux d’un fichier OPML (ou du fichier urls "
                              "de newsboat)"),
    "cli.help.opml_file": "un fichier OPML (les dossiers deviennent des étiquettes)",
    "cli.help.starter": "la sélection de départ : flux publics sur la carrière et le réseau, "
        "fr et en",
    "cli.help.feeds_export": "afficher tous les abonnements en OPML 2.0",
    "cli.help.feeds_refresh": "télécharger les flux en parallèle, avec la progression",
    "cli.help.refresh_ids": "seulement ces flux (par défaut : tous)",
    "cli.help.refresh_no_full_text": "garder le texte des flux ; ne pas télécharger les "
        "articles complets",
    "cli.help.search_tag": "seulement les articles étiquetés TAG (à répéter pour plusieurs)",
    "cli.help.search_view": "seulement les articles de cette vue (trash : chercher dans la "
        "corbeille)",
    "cli.help.tag": "étiqueter un article",
    "cli.help.tag_names": "étiquettes à ajouter (le # initial est facultatif ; 'a, b' en fait "
        "deux)",
    "cli.help.untag": "retirer des étiquettes d’un article",
    "cli.help.untag_names": "étiquettes à retirer",
    "cli.help.tags": "toutes les étiquettes et leur nombre d’articles ; en renommer ou en "
        "supprimer une",
    "cli.help.tags_rename": "renommer une étiquette sur tous les articles",
    "cli.help.tag_old": "le nom de l’étiquette (casse et accents ignorés)",
    "cli.help.tag_new": "son nouveau nom (une étiquette existante : fusionnées)",
    "cli.help.tags_delete": "retirer une étiquette de tous les articles",
    "cli.help.import_from": "le format de l’export, s’il ne faut pas le déduire de son contenu",
    "cli.help.import_offline": "ne rien télécharger : garder les liens comme liens (avec leur "
                               "titre), à télécharger plus tard",
    "cli.help.import_json": "un objet JSON par élément, puis celui du bilan",
    "import.too_large": "Ce fichier ne peut pas être importé : il dépasse {megabytes} Mo.",
    "import.unknown_format": "Ce fichier ne peut pas être importé : ce n’est ni une sauvegarde de "
                             "lecteur ni un export que lecteur reconnaît (Pocket, Instapaper, "
                             "wallabag, Omnivore, favoris) ; --from en nomme le format.",
    "import.looks_like": "Ce fichier n’est pas un export {format} : il ressemble à un export "
                         "{seen} (retirez --from, ou nommez ce format).",
    "import.not_format": "Ce fichier ne peut pas être importé comme export {format} : lecteur ne "
                         "sait pas le lire.",
    "import.bad_zip": "Cette archive ne peut pas être lue : {reason}.",
    "import.bundle_too_large": "Cette archive ne peut pas être importée : elle se décompresse en "
                               "plus que ce que lecteur lit d’un export (une bombe zip, ou pas un "
                               "export).",
    "import.unsafe_member": "Fichier de l’archive laissé de côté, {name!r} : son nom pointe hors "
                            "de l’archive, ou il est chiffré.",
    "import.bad_row": "La ligne {line} du fichier est illisible : {reason}.",
    "import.bad_entry": "L’entrée {number} du fichier n’est pas un article enregistré.",
    "import.bad_member": "Le fichier {name} de l’archive n’est pas du JSON lisible.",
    "import.not_a_list": "il ne contient pas de liste d’entrées",
    "import.no_url": "L’entrée n’a pas d’adresse web.",
    "import.deleted_there": "il avait été supprimé dans {source}",
    "import.listed_twice": "le fichier le donne déjà, élément {number}",
    "import.still_link": "toujours un lien ({reason})",
    "import.offline": "importé avec --offline",
    "import.placeholder": "Cet article a été importé comme lien et n’a pas encore été téléchargé "
                          "({reason}). « lecteur add {url} », ou importer de nouveau le même "
                          "fichier, le télécharge.",
    "import.read_as": "Le fichier n’est pas en UTF-8 : il a été lu en {encoding}.",
    "import.line.added": "élément {number} : ajouté n° {id} {title}",
    "import.line.present": "élément {number} : déjà là, n° {id} {title}",
    "import.line.filled": "élément {number} : téléchargé n° {id} {title} (gardé comme lien "
                          "auparavant)",
    "import.line.link": "élément {number} : gardé comme lien, n° {id} {title} : {reason}",
    "import.line.skipped": "élément {number} : laissé de côté, {title} : {reason}",
    "import.line.failed": "élément {number} : échec : {reason}",
    "import.highlights": "{count} passage(s) surligné(s)",
    "import.notes": "{count} note(s) ajoutée(s)",
    "import.summary": "{source} : {items} élément(s) : {added} ajouté(s), {present} déjà là, "
                      "{filled} téléchargé(s), {link} gardé(s) comme liens, {skipped} laissé(s) "
                      "de côté, {failed} en échec.",
    "import.format.pocket": "Export Pocket",
    "import.format.instapaper": "Export Instapaper",
    "import.format.wallabag": "Export wallabag",
    "import.format.omnivore": "Export Omnivore",
    "import.format.bookmarks": "Favoris",
    "cli.help.import_pending": "sans FICHIER : télécharger les liens gardés par les imports "
                               "précédents",
    "cli.import_what": "Nommez le fichier à importer, ou donnez --pending (sans fichier) pour "
                       "télécharger les liens gardés par les imports précédents.",
    "import.format.pending": "Liens gardés par les imports précédents",
    "import.in_trash": "dans la corbeille, où il reste",
    # Le langage de requête (recherche, vues enregistrées, règles)
    "query.unknown_field": "{part!r} ne nomme aucun filtre (author:, tag:, site:, lang:, "
                           "minutes:, saved:, is:, since:, until:, feed:, score:, in:) ; "
                           "mettez-le entre guillemets pour le chercher.",
    "query.empty_value": "{part!r} dit sur quoi filtrer mais pas quelle valeur.",
    "query.bad_number": "{part!r} attend un nombre, comme minutes:<8, minutes:>=30 ou "
                        "minutes:5-10.",
    "query.bad_yes_no": "{part!r} prend oui ou non.",
    "query.bad_is": "{part!r} n’est pas un état : is: prend nonlu, lu, favori, garde, "
                    "archive ou perime.",
    "query.bad_date": "{part!r} n’est pas une date : écrivez 2024, 2024-03, 2024-03-15, ou "
                      "une durée comme 30j, 6m, 1a.",
    "query.bad_lang": "{part!r} n’est pas une langue : écrivez un code comme fr ou en.",
    "query.no_scores": "{part!r} demande des scores de pertinence, et cette bibliothèque "
                       "n’en a pas encore.",
    "query.unknown_view": "Il n’y a pas de vue {part!r} : in: prend inbox, saved, starred, "
                          "archive ou trash.",
    # Vues enregistrées
    "views.empty_query": "Une vue enregistrée demande une requête, comme : lecteur views add "
                         "emplois tag:emploi.",
    "views.query_too_long": "Cette requête est trop longue (plus de {limit} caractères).",
    "views.no_name": "Une vue enregistrée demande un nom.",
    "views.built_in": "{name!r} est une vue que lecteur a déjà ; choisissez un autre nom.",
    "views.exists": "Il y a déjà une vue enregistrée nommée {name!r} (lecteur views rm "
                    "d’abord).",
    "views.none": "Il n’y a pas de vue enregistrée nommée {name!r} (lecteur views ls les "
                  "liste).",
    "views.added": "Vue enregistrée {name!r} : {query}",
    "views.removed": "Vue enregistrée {name!r} supprimée.",
    "views.nothing": "Aucune vue enregistrée : lecteur views add NOM REQUÊTE en enregistre une.",
    # Règles
    "rules.no_arrow": "Une règle s’écrit REQUÊTE -> ACTION, comme site:example.org -> "
                      "tag:emploi ; {rule!r} n’a pas de ->.",
    "rules.no_query": "{rule!r} n’a pas de requête avant ->.",
    "rules.no_tag": "{action!r} ne dit pas quelle étiquette.",
    "rules.bad_action": "{action!r} n’est pas une action : utilisez tag:NOM, archiver, "
                        "favori, garder, lire, ecarter ou corbeille.",
    "rules.none": "Il n’y a pas de règle {id} (lecteur rules ls les liste).",
    "rules.added": "Règle {id} : {rule}",
    "rules.removed": "Règle {id} supprimée.",
    "rules.nothing": "Aucune règle : lecteur rules add \"site:example.org -> tag:emploi\" "
                     "en écrit une.",
    "rules.would": "La règle {id} ({rule}) changerait {count} article(s).",
    "rules.did": "La règle {id} ({rule}) a changé {count} article(s).",
    "rules.cannot": "La règle {id} ({rule}) ne peut pas s’appliquer : {reason}",
    "cli.col.stale": "périmé",
    "cli.help.ls_view": "lister une vue enregistrée (lecteur views ls), "
                        "ou stale : les articles gardés devenus périmés",
    "cli.help.views": "vues enregistrées : un nom pour une requête (docs/queries.md)",
    "cli.help.views_add": "enregistrer une requête sous un nom "
                          "(elle paraît dans le panneau du lecteur)",
    "cli.help.view_name": "le nom de la vue",
    "cli.help.view_query": "la requête, comme la recherche la "
                           "prend (author:, tag:, lang:, minutes:<8, is:unread...)",
    "cli.help.views_ls": "lister les vues enregistrées",
    "cli.help.views_rm": "supprimer une vue enregistrée",
    "cli.help.rules": "règles appliquées aux nouveaux articles "
                      ": REQUÊTE -> ACTION (docs/queries.md)",
    "cli.help.rules_add": "écrire une règle, comme \"site:example.org -> tag:emploi\"",
    "cli.help.rule": "REQUÊTE -> ACTION (tag:NOM, archive, star, save, read, dismiss, trash)",
    "cli.help.rules_ls": "lister les règles, dans l’ordre où elles s’appliquent",
    "cli.help.rules_rm": "supprimer une règle",
    "cli.help.rule_id": "le numéro de la règle (lecteur rules ls)",
    "cli.help.rule_ids": "seulement ces règles (par défaut : toutes)",
    "cli.help.rules_test": "dire ce que chaque règle ferait à la bibliothèque, sans rien écrire",
    "cli.help.rules_apply": "appliquer les règles à toute la bibliothèque maintenant",
    "cli.help.dry_run": "dire ce qui changerait, sans rien écrire",
    "views.empty": "Rien n’est dans la vue {name!r} pour l’instant.",
}
