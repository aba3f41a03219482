"""Labelled items for the relevance model: short feed items, French and English, written
for lecteur's tests (not taken from any site).

Each is ``(language, relevant, title, summary)``. `relevant` is what a reader of networking
and career advice wants. The traps are deliberate: computer networking, LinkedIn the
company in the business news, interviews of artists and politicians, happy hours at bars,
coaches of sports teams; and relevant advice that names none of the profile's terms (a
raise, a manager, a review, leaving a job well). `TRAINING` feeds the simulated decisions;
`HELD_OUT` is only ranked, never learned from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lecteur.core.curate.profile import Profile

Item = tuple[str, bool, str, str]

TRAINING: tuple[Item, ...] = (
    ("en", True, "How to ask for a raise without burning bridges",
     "Prepare numbers about your results, pick the right moment with your manager and ask "
     "for a specific figure for your raise."),
    ("fr", True, "Demander une augmentation : la méthode en cinq étapes",
     "Préparez vos résultats, choisissez le bon moment avec votre gestionnaire et proposez "
     "un chiffre précis pour votre augmentation."),
    ("en", False, "Configuring VLANs on a small office router",
     "A step by step guide to network segmentation: trunk ports, tagging and the firewall "
     "rules your router needs."),
    ("fr", False, "Configurer un routeur et ses VLAN au bureau",
     "Segmentation du réseau informatique, ports, pare-feu et adresses IP : le guide pour "
     "votre routeur."),
    ("en", False, "LinkedIn shares rise after strong quarterly earnings",
     "Revenue from the professional network grew twelve percent, analysts said, and shares "
     "closed higher on the stock exchange."),
    ("fr", False, "Les revenus de LinkedIn en hausse ce trimestre",
     "Le réseau social de Microsoft annonce des revenus en hausse, les actions ont gagné "
     "trois pour cent en bourse."),
    ("en", True, "Your first one-on-one with a new manager",
     "Bring questions about expectations, ask how your manager likes feedback and agree on "
     "goals for your first ninety days."),
    ("fr", True, "Préparer son bilan annuel avec son gestionnaire",
     "Notez vos réalisations, vos objectifs atteints et ce que vous voulez apprendre avant "
     "le bilan annuel avec votre gestionnaire."),
    ("en", False, "Interview: the director on her new film",
     "The filmmaker talks about the festival, the actors and the long shoot of her third "
     "feature film in the mountains."),
    ("fr", False, "Entrevue avec le ministre des Finances",
     "Le ministre défend son budget, la dette et les baisses d'impôts dans une entrevue "
     "accordée à notre journal."),
    ("en", True, "Leaving a job gracefully: the resignation letter",
     "Give notice, thank your manager, offer to help the handover and keep the door open "
     "for your next career move."),
    ("fr", True, "Démissionner sans claquer la porte",
     "Annoncez votre départ à votre gestionnaire, préparez la passation et gardez de bonnes "
     "relations avec vos collègues."),
    ("en", False, "TCP congestion control explained",
     "How packets, windows and acknowledgements keep a network fast: a tour of the protocol "
     "for engineers."),
    ("fr", False, "Le protocole TCP expliqué simplement",
     "Paquets, fenêtres et accusés de réception : comment le protocole garde le réseau "
     "rapide pour les ingénieurs."),
    ("en", False, "The best happy hour deals downtown",
     "Cheap cocktails, oysters and a terrace: our critics tried the bars with the longest "
     "happy hour this summer."),
    ("fr", False, "Les meilleurs 5 à 7 du centre-ville",
     "Cocktails, huîtres et terrasses : nos critiques ont testé les bars et leurs 5 à 7 "
     "cet été, prix compris."),
    ("en", True, "Getting promoted: make your work visible",
     "Write down your wins, share them with your manager and ask what a promotion requires "
     "in your team."),
    ("fr", True, "Obtenir une promotion : rendre son travail visible",
     "Notez vos réussites, partagez-les avec votre gestionnaire et demandez ce qu'une "
     "promotion exige dans votre équipe."),
    ("en", False, "The coach who mentored a champion",
     "The football coach remembers the young striker, the training sessions and the final "
     "match of the season."),
    ("fr", False, "L'entraîneur qui a formé un champion",
     "L'entraîneur de hockey se souvient du jeune joueur, des entraînements et du dernier "
     "match de la saison."),
    ("en", True, "Networking events for introverts",
     "Arrive early, set a goal of three conversations and follow up the next day: "
     "networking works for quiet people too."),
    ("fr", True, "Le réseautage quand on est introverti",
     "Arrivez tôt, visez trois conversations et relancez le lendemain : le réseautage "
     "fonctionne aussi pour les timides."),
    ("en", False, "Minimum wage bill passes the senate",
     "The law raises the minimum wage over three years; economists disagree about the "
     "effect on inflation and on small businesses."),
    ("fr", False, "Le salaire minimum augmentera en mai",
     "Le gouvernement annonce la hausse du salaire minimum ; les économistes débattent de "
     "l'effet sur l'inflation."),
    ("en", True, "Handling a conflict with a colleague",
     "Talk privately, describe the behaviour rather than the person and agree on what each "
     "of you will do differently at work."),
    ("fr", True, "Gérer un conflit avec un collègue",
     "Parlez-lui en privé, décrivez le comportement plutôt que la personne et convenez de "
     "ce que chacun fera autrement au travail."),
    ("en", False, "Kubernetes networking in production",
     "Service meshes, network policies and load balancers: lessons from running clusters "
     "for engineers."),
    ("fr", False, "La réseautique des centres de données",
     "Commutateurs, fibres et routeurs : comment les centres de données relient des "
     "milliers de serveurs pour les ingénieurs."),
    ("en", True, "Asking your manager for feedback",
     "Ask specific questions after a project, listen without defending yourself and thank "
     "your manager for honest feedback."),
    ("fr", True, "Demander de la rétroaction à son gestionnaire",
     "Posez des questions précises après un projet, écoutez sans vous défendre et "
     "remerciez votre gestionnaire de sa franchise."),
    ("en", False, "Telemarketing scams target seniors",
     "Police warn about cold call scams selling fake insurance; hang up and never give "
     "your bank details on the phone."),
    ("fr", False, "Arnaques téléphoniques : la police met en garde",
     "Des fraudeurs appellent des aînés pour vendre de fausses assurances ; raccrochez et "
     "ne donnez jamais vos données bancaires."),
    ("en", True, "Writing a cover letter that gets read",
     "Open with why this company, show one result that matters to them and keep the cover "
     "letter under a page."),
    ("fr", True, "Une lettre de motivation qui se fait lire",
     "Commencez par l'entreprise, montrez un résultat qui compte pour elle et tenez la "
     "lettre de motivation sur une page."),
    ("en", False, "Router firmware update fixes security flaw",
     "The vendor released firmware for its home routers; the flaw let attackers take over "
     "the network remotely."),
    ("fr", False, "LinkedIn en panne pendant deux heures",
     "Le réseau social est resté inaccessible mardi ; l'entreprise évoque un problème de "
     "serveurs, pas une attaque."),
    ("en", True, "Negotiating a job offer",
     "Thank them, ask for time, compare the whole package and make one counter offer with "
     "a clear number for the salary."),
    ("fr", True, "Négocier une offre d'emploi",
     "Remerciez, demandez du temps, comparez l'ensemble des avantages et faites une "
     "contre-offre chiffrée pour le salaire."),
    ("en", False, "Concert review: a night of jazz",
     "The quartet played standards and new pieces; the interview after the show revealed "
     "a new album next spring."),
    ("fr", False, "Critique : une soirée de jazz au festival",
     "Le quatuor a joué des standards et des pièces nouvelles ; l'album sortira au "
     "printemps, a confié le pianiste."),
    ("en", True, "Working from home without disappearing",
     "Keep your manager informed, show up on camera for key meetings and build relations "
     "with colleagues you never meet."),
    ("fr", True, "Télétravail : rester visible auprès de son équipe",
     "Tenez votre gestionnaire informé, allumez la caméra aux réunions importantes et "
     "entretenez vos relations avec vos collègues."),
    ("en", False, "Wi-Fi 7 routers: are they worth it",
     "We tested five routers for speed and range at home; the network was faster but the "
     "prices are high."),
    ("fr", False, "Le match de hockey de samedi",
     "Le club a gagné en prolongation ; l'entraîneur a salué le travail de ses joueurs et "
     "du gardien de but."),
    ("en", True, "Informational interviews that lead somewhere",
     "Ask for twenty minutes, prepare questions about their path and ask who else you "
     "should talk to."),
    ("fr", True, "Bien préparer une entrevue d'information",
     "Demandez vingt minutes, préparez des questions sur le parcours de la personne et "
     "demandez à qui d'autre parler."),
    ("en", False, "Microsoft buys another startup",
     "The company that owns LinkedIn and GitHub announced the deal on Monday; shares were "
     "flat on the stock exchange."),
    ("fr", False, "Le prix de l'essence grimpe encore",
     "Le litre dépasse deux dollars dans plusieurs régions ; les automobilistes "
     "réduisent leurs déplacements."),
    ("en", True, "Burnout at work: signs and what to ask your manager",
     "Notice the signs early, ask your manager to change priorities and protect your "
     "evenings from work."),
    ("fr", True, "L'épuisement au travail : en parler à son gestionnaire",
     "Repérez les signes tôt, demandez à votre gestionnaire de revoir les priorités et "
     "protégez vos soirées du travail."),
)

HELD_OUT: tuple[Item, ...] = (
    ("en", True, "The salary conversation: how to ask for more",
     "Research the market, know your results and ask your manager for a raise with one "
     "clear number."),
    ("fr", True, "Comment demander une augmentation de salaire",
     "Renseignez-vous sur le marché, connaissez vos résultats et demandez à votre "
     "gestionnaire une augmentation chiffrée."),
    ("en", False, "Setting up a home network with two routers",
     "Bridge mode, cables and Wi-Fi channels: make your network reach the garden without "
     "dead zones."),
    ("fr", False, "Installer un réseau domestique avec deux routeurs",
     "Mode pont, câbles et canaux Wi-Fi : étendez votre réseau jusqu'au jardin sans zone "
     "morte."),
    ("en", False, "LinkedIn revenue beats forecasts",
     "The professional network reported higher revenue and shares climbed in early trading "
     "on the stock exchange."),
    ("fr", False, "LinkedIn supprime des postes",
     "Le réseau social de Microsoft annonce des suppressions de postes ; les actions ont "
     "peu bougé en bourse."),
    ("en", True, "Preparing your performance review",
     "List your achievements, the goals you met and what you want to learn before the "
     "review with your manager."),
    ("fr", True, "Réussir son évaluation annuelle",
     "Listez vos réalisations et vos objectifs atteints, et dites à votre gestionnaire ce "
     "que vous voulez apprendre."),
    ("en", False, "Interview with the mayor on the new budget",
     "The mayor defends higher taxes and the new tramway line in an interview with our "
     "newspaper."),
    ("fr", False, "Entrevue : la romancière parle de son nouveau livre",
     "L'autrice raconte l'écriture de son roman, le festival et la tournée des librairies "
     "cet automne."),
    ("en", True, "How to resign and keep good references",
     "Tell your manager first, give proper notice and help with the handover so colleagues "
     "remember you well."),
    ("fr", True, "Quitter son emploi en bons termes",
     "Prévenez d'abord votre gestionnaire, respectez le préavis et aidez à la passation "
     "pour vos collègues."),
    ("en", False, "Packet loss: finding the faulty switch",
     "Ping, traceroute and the switch's counters tell you where the network drops packets "
     "for engineers."),
    ("fr", False, "Perte de paquets : trouver le commutateur fautif",
     "Ping, traceroute et compteurs du commutateur montrent où le réseau perd des paquets "
     "pour les ingénieurs."),
    ("en", False, "Happy hour at the new rooftop bar",
     "Our critic tried the cocktails and the view; happy hour runs from five to seven with "
     "cheap oysters."),
    ("fr", False, "Un 5 à 7 sur le nouveau toit-terrasse",
     "Notre critique a goûté les cocktails et la vue ; le 5 à 7 propose des huîtres à "
     "petit prix."),
    ("en", True, "Make your manager your ally for a promotion",
     "Ask what the next level requires, share your wins every month and agree on a plan "
     "for the promotion."),
    ("fr", True, "Préparer sa promotion avec son gestionnaire",
     "Demandez ce que le prochain échelon exige, partagez vos réussites et convenez d'un "
     "plan pour la promotion."),
    ("en", False, "The coach who turned the team around",
     "After ten losses the new coach changed the training and the team won the final "
     "match of the season."),
    ("fr", False, "Le nouvel entraîneur redresse l'équipe",
     "Après dix défaites, l'entraîneur a changé les entraînements et l'équipe a gagné le "
     "dernier match."),
    ("en", True, "Networking without feeling fake",
     "Be curious about people, offer help before asking and follow up with a short note "
     "after each event."),
    ("fr", True, "Réseauter sans se sentir hypocrite",
     "Soyez curieux des gens, offrez votre aide avant de demander et relancez par un court "
     "message après chaque événement."),
    ("en", False, "Minimum wage rises in three provinces",
     "The new minimum wage takes effect in May; economists expect a small effect on "
     "inflation."),
    ("fr", False, "Le salaire minimum et l'inflation",
     "Les économistes débattent de l'effet de la hausse du salaire minimum sur l'inflation "
     "et les petites entreprises."),
    ("en", True, "When a colleague takes credit for your work",
     "Talk to the colleague privately, keep a record of your work and mention your part "
     "in meetings."),
    ("fr", True, "Quand un collègue s'attribue votre travail",
     "Parlez au collègue en privé, gardez une trace de votre travail et mentionnez votre "
     "part en réunion."),
    ("en", False, "Network policies for Kubernetes clusters",
     "Deny by default, label your pods and test each network policy before production for "
     "engineers."),
    ("fr", False, "La fibre arrive dans les campagnes",
     "Le réseau de fibre optique atteindra dix mille foyers ; les routeurs seront fournis "
     "par l'opérateur."),
    ("en", True, "Getting useful feedback from your manager",
     "Ask after each project what to do differently, listen and thank your manager for "
     "the feedback."),
    ("fr", True, "Obtenir de la rétroaction utile",
     "Après chaque projet, demandez à votre gestionnaire ce qu'il faudrait changer, et "
     "écoutez sans vous défendre."),
    ("en", False, "Cold call fraud: what the police say",
     "Scammers cold call people to sell fake insurance; police say to hang up and never "
     "share bank details."),
    ("fr", False, "Des fraudeurs au téléphone visent les aînés",
     "La police rappelle de raccrocher et de ne jamais donner ses données bancaires aux "
     "faux vendeurs d'assurance."),
    ("en", True, "A cover letter in four paragraphs",
     "Why them, what you did, what you will do for them and a short close: a cover letter "
     "that fits one page."),
    ("fr", True, "La lettre de motivation en quatre paragraphes",
     "Pourquoi eux, ce que vous avez fait, ce que vous ferez pour eux : une lettre de "
     "motivation d'une page."),
    ("en", False, "Mesh Wi-Fi or a better router",
     "We compared mesh systems and routers for large houses; the network speed depends on "
     "the walls."),
    ("fr", False, "LinkedIn lance une nouvelle fonction payante",
     "Le réseau social ajoute un abonnement ; les analystes doutent de l'effet sur les "
     "revenus et les actions."),
    ("en", True, "Counter offers: negotiating the package",
     "Compare the whole offer, ask for time and answer with one number; the salary is not "
     "the only lever."),
    ("fr", True, "Négocier son salaire à l'embauche",
     "Comparez l'ensemble de l'offre, demandez du temps et répondez par un chiffre ; le "
     "salaire n'est pas le seul levier."),
    ("en", False, "Festival review: three nights of jazz",
     "Quartets, big bands and a late interview with the pianist about his next album and "
     "tour."),
    ("fr", False, "Critique : le festival de jazz en trois soirs",
     "Quatuors et grands orchestres ; le pianiste a parlé de son prochain album après le "
     "concert."),
    ("en", True, "Staying visible while working remotely",
     "Keep your manager informed, speak up in meetings and build relations with colleagues "
     "you rarely see."),
    ("fr", True, "Télétravail : garder le lien avec ses collègues",
     "Informez votre gestionnaire, prenez la parole en réunion et entretenez les relations "
     "avec vos collègues."),
    ("en", False, "Weekend hockey: the club wins in overtime",
     "The goalkeeper saved three shots and the coach praised the players after the match."),
    ("fr", False, "Le prix du pain augmente",
     "Les boulangers invoquent la hausse du blé et de l'énergie ; le pain coûte dix cents "
     "de plus."),
    ("en", True, "Asking for an informational interview by email",
     "Keep it short, say why them, ask for twenty minutes and offer times; then send a "
     "thank-you note."),
    ("fr", True, "Décrocher une entrevue d'information par courriel",
     "Soyez bref, dites pourquoi cette personne, demandez vingt minutes et envoyez un mot "
     "de remerciement."),
    ("en", False, "The company behind LinkedIn reports profits",
     "Microsoft posted higher profits on cloud sales; shares rose on the stock exchange "
     "after the call."),
    ("fr", False, "Un nouveau pont pour la ville",
     "Les travaux commenceront au printemps ; la circulation sera détournée pendant deux "
     "ans."),
    ("en", True, "Talking to your manager before burnout",
     "Name the signs early, ask your manager to reset priorities and protect your evenings "
     "from work."),
    ("fr", True, "Prévenir l'épuisement professionnel",
     "Repérez les signes, parlez-en à votre gestionnaire pour revoir les priorités et "
     "protégez vos soirées."),
)


def learned_model(profile: Profile) -> tuple[dict[str, float], float]:
    """The model after the 50 `TRAINING` decisions (it weighs terms the profile lacks)."""
    from lecteur.core.curate import model

    learned: dict[str, float] = {}
    bias = 0.0
    for _lang, relevant, title, body in TRAINING:
        change = model.step(profile, model.features(profile, title, body), learned, bias,
                            1.0 if relevant else 0.0)
        model.apply(learned, change)
        bias += change.bias
    return learned, bias

