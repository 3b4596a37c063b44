"""The texts the anchor corpus is built from (``corpus_build.py``).

Plausible paragraphs of the Plan, in Italian and English, in the voice of the
consultation page (../shared/seed/). In each, ``{{a:...}}`` marks the passage
a citizen commented on. Blocks are (tag, text): ``p``, ``h2``, ``li`` (grouped
in one list) and ``td`` (grouped two to a row in one table).
"""

BASES = [
    # Italian -----------------------------------------------------------------
    {
        "id": "it-lavoro",
        "lang": "it",
        "blocks": [
            ("h2", "Inclusione lavorativa"),
            (
                "p",
                "Il Piano intende favorire l'{{a:accesso al mercato del lavoro}} "
                "delle persone in condizione di fragilità. Le cooperative sociali "
                "di inserimento lavorativo sono un presidio essenziale del territorio.",
            ),
            (
                "p",
                "Le azioni saranno monitorate ogni anno con indicatori condivisi tra "
                "gli enti promotori.",
            ),
        ],
    },
    {
        "id": "it-credito",
        "lang": "it",
        "blocks": [
            (
                "p",
                "Le imprese sociali incontrano ancora ostacoli nell'accesso al "
                "credito. Si propone di istituire {{a:un fondo rotativo per le imprese "
                "sociali}} gestito insieme alle fondazioni bancarie. Il fondo sarà "
                "aperto anche alle start-up a impatto.",
            ),
            (
                "p",
                "La Camera di commercio di Torino metterà a disposizione i propri "
                "servizi di accompagnamento.",
            ),
        ],
    },
    {
        "id": "it-aree-interne",
        "lang": "it",
        "blocks": [
            ("h2", "Territori"),
            (
                "p",
                "Nelle valli alpine e nelle aree interne le cooperative di comunità "
                "{{a:offrono servizi di prossimità}} che altrimenti scomparirebbero. "
                "Il Piano ne riconosce il valore e ne sostiene la nascita.",
            ),
            (
                "p",
                "La Città metropolitana coordina i tavoli con i comuni più piccoli.",
            ),
        ],
    },
    {
        "id": "it-raccomandazione",
        "lang": "it",
        "blocks": [
            (
                "p",
                "Il Piano collega il livello locale a quello nazionale ed europeo. "
                "Tiene conto della {{a:Raccomandazione del Consiglio dell'Unione "
                "europea}} sullo sviluppo delle condizioni quadro dell'economia "
                "sociale.",
            ),
            (
                "p",
                "Le iniziative del Ministero dell'Economia e delle Finanze ne danno "
                "attuazione a livello nazionale.",
            ),
        ],
    },
    {
        "id": "it-dal-basso",
        "lang": "it",
        "blocks": [
            (
                "p",
                "A livello locale il percorso è un'occasione per orientare questi "
                "sviluppi. Come ricorda la Raccomandazione, gli attori dell'economia "
                "sociale sono {{a:radicati nelle comunità}} e adottano di norma un "
                "approccio dal basso.",
            ),
            ("p", "Il Piano valorizza le reti già attive sul territorio."),
        ],
    },
    {
        "id": "it-crescita",
        "lang": "it",
        "blocks": [
            ("h2", "Il Piano"),
            (
                "p",
                "L'obiettivo è promuovere {{a:un nuovo modello di crescita}} "
                "nell'area metropolitana. Per affrontare le sfide attuali occorre "
                "integrare sviluppo economico e coesione sociale.",
            ),
            (
                "p",
                "Il percorso è stato avviato nell'estate del 2024 con un'analisi "
                "documentale.",
            ),
        ],
    },
    {
        "id": "it-welfare",
        "lang": "it",
        "blocks": [
            (
                "p",
                "Le politiche europee considerano le imprese sociali non solo "
                "soggetti del welfare, ma anche {{a:motori dello sviluppo economico}}. "
                "L'economia sociale è oggi parte delle politiche industriali.",
            ),
            (
                "p",
                "Per questo il Piano dialoga con le strategie regionali di "
                "specializzazione intelligente.",
            ),
        ],
    },
    {
        "id": "it-impresa",
        "lang": "it",
        "blocks": [
            (
                "p",
                "Chi vuole avviare un'impresa sociale trova oggi sportelli diversi e "
                "poco coordinati. Il Piano propone {{a:uno sportello unico "
                "metropolitano}} per l'orientamento e l'accompagnamento.",
            ),
            (
                "p",
                "Lo sportello sarà gestito dalla Camera di commercio con la rete "
                "degli incubatori.",
            ),
        ],
    },
    {
        "id": "it-appalti",
        "lang": "it",
        "blocks": [
            ("h2", "Appalti pubblici"),
            (
                "p",
                "I comuni possono usare gli appalti come leva di sviluppo. Il Piano "
                "promuove {{a:clausole sociali negli appalti pubblici}} e la "
                "co-progettazione con il Terzo settore.",
            ),
            (
                "p",
                "Una guida operativa sarà messa a disposizione degli uffici comunali.",
            ),
        ],
    },
    {
        "id": "it-giovani",
        "lang": "it",
        "blocks": [
            (
                "p",
                "Molti giovani cercano un lavoro che abbia senso. Il Piano sostiene "
                "percorsi di formazione sull'{{a:imprenditorialità sociale}} nelle "
                "scuole superiori e nelle università.",
            ),
            ("p", "Le università del territorio hanno già aderito all'iniziativa."),
        ],
    },
    {
        "id": "it-misurazione",
        "lang": "it",
        "blocks": [
            (
                "p",
                "Misurare l'impatto non è un adempimento formale. Gli enti promotori "
                "adotteranno {{a:un sistema comune di indicatori di impatto}} "
                "condiviso con le organizzazioni.",
            ),
            ("p", "I risultati saranno pubblicati ogni anno in formato aperto."),
        ],
    },
    {
        "id": "it-abitare",
        "lang": "it",
        "blocks": [
            (
                "p",
                "La casa è una delle prime domande sociali della città. Il Piano "
                "sostiene {{a:progetti di abitare collaborativo}} promossi da "
                "cooperative e associazioni.",
            ),
            (
                "p",
                "Le esperienze già avviate nei quartieri periferici saranno "
                "valorizzate.",
            ),
        ],
    },
    {
        "id": "it-elenco",
        "lang": "it",
        "blocks": [
            ("p", "Il Piano individua tre priorità:"),
            ("li", "rafforzare le reti tra imprese sociali e imprese tradizionali;"),
            (
                "li",
                "sostenere {{a:la transizione digitale delle organizzazioni}} del "
                "Terzo settore;",
            ),
            ("li", "migliorare l'accesso ai fondi europei."),
        ],
    },
    {
        "id": "it-elenco-servizi",
        "lang": "it",
        "blocks": [
            ("p", "Lo sportello offrirà:"),
            ("li", "orientamento sulle forme giuridiche;"),
            (
                "li",
                "supporto alla redazione del {{a:piano d'impresa}} e del bilancio sociale;",
            ),
            ("li", "contatti con investitori a impatto."),
        ],
    },
    {
        "id": "it-tabella",
        "lang": "it",
        "blocks": [
            ("p", "Le tappe principali dell'azione:"),
            ("td", "Primo semestre 2025"),
            ("td", "Mappatura delle {{a:organizzazioni dell'economia sociale}} attive"),
            ("td", "Secondo semestre 2025"),
            ("td", "Avvio dei tavoli territoriali"),
        ],
    },
    {
        "id": "it-tabella-indicatori",
        "lang": "it",
        "blocks": [
            ("p", "Indicatori:"),
            ("td", "Imprese sociali accompagnate"),
            ("td", "Almeno {{a:cinquanta nuove imprese}} entro il 2026"),
            ("td", "Persone inserite al lavoro"),
            ("td", "Duecento persone in tre anni"),
        ],
    },
    {
        "id": "it-ripetuto",
        "lang": "it",
        "blocks": [
            (
                "p",
                "L'economia sociale crea lavoro. L'economia sociale crea anche "
                "legami, e {{a:l'economia sociale}} è per questo al centro del Piano.",
            ),
            ("p", "Il Piano si rivolge a tutte le organizzazioni del territorio."),
        ],
    },
    {
        "id": "it-finanza",
        "lang": "it",
        "blocks": [
            (
                "p",
                "La finanza a impatto è ancora poco diffusa tra le piccole "
                "organizzazioni. Il Piano prevede {{a:percorsi di educazione "
                "finanziaria}} e strumenti di garanzia dedicati.",
            ),
            (
                "p",
                "Le fondazioni di origine bancaria hanno manifestato il proprio "
                "interesse.",
            ),
        ],
    },
    {
        "id": "it-consultazione",
        "lang": "it",
        "blocks": [
            (
                "p",
                "Il percorso è entrato nella quarta fase, che prevede una "
                "{{a:consultazione aperta dell'ecosistema territoriale}}, sul modello "
                "delle consultazioni pubbliche della Commissione europea.",
            ),
            (
                "p",
                "Al termine della consultazione il Piano sarà approvato dagli organi "
                "degli enti promotori.",
            ),
        ],
    },
    {
        "id": "it-virgolette",
        "lang": "it",
        "blocks": [
            (
                "p",
                'Il 5 dicembre 2024 l\'evento "Verso il Piano metropolitano" ha '
                "avviato {{a:una fase di ascolto più ampia}} del territorio. Hanno "
                "partecipato oltre duecento persone.",
            ),
            ("p", "Gli esiti dell'evento sono stati pubblicati sul sito."),
        ],
    },
    # English -------------------------------------------------------------------
    {
        "id": "en-agreement",
        "lang": "en",
        "blocks": [
            (
                "p",
                "On July 18, 2024, the Chamber of Commerce of Turin and the "
                "Metropolitan City of Turin signed {{a:an agreement for the "
                "drafting}} of a Metropolitan Plan for the Social Economy.",
            ),
            (
                "p",
                "The Plan is part of the framework of Torino Social Impact.",
            ),
        ],
    },
    {
        "id": "en-growth",
        "lang": "en",
        "blocks": [
            ("h2", "Goals"),
            (
                "p",
                "The goal of this initiative is to promote {{a:a new growth model}} "
                "across the metropolitan area. It recognizes the need to integrate "
                "economic development with social cohesion.",
            ),
            ("p", "The Plan will be reviewed every two years."),
        ],
    },
    {
        "id": "en-drivers",
        "lang": "en",
        "blocks": [
            (
                "p",
                "European policy documents position social enterprises not only as "
                "welfare actors but also as {{a:key drivers of economic "
                "development}}. The social economy is now part of industrial policy.",
            ),
            ("p", "This view is shared by the promoting entities."),
        ],
    },
    {
        "id": "en-bottom-up",
        "lang": "en",
        "blocks": [
            (
                "p",
                "Social economy actors are {{a:deeply embedded in their "
                "communities}}, serve the local context, and typically operate "
                "using a bottom-up approach.",
            ),
            (
                "p",
                "The Plan builds on the networks that already exist in the territory.",
            ),
        ],
    },
    {
        "id": "en-listening",
        "lang": "en",
        "blocks": [
            (
                "p",
                "The drafting process began in summer 2024 with a documentary "
                "analysis. This was followed by {{a:a territorial listening phase}}, "
                "conducted through stakeholder interviews.",
            ),
            ("p", "More than forty organisations were interviewed."),
        ],
    },
    {
        "id": "en-feedback",
        "lang": "en",
        "blocks": [
            (
                "p",
                "This phase will allow local actors to contribute {{a:spontaneous "
                "feedback based on their expertise}} and direct knowledge of the "
                "territory.",
            ),
            (
                "p",
                "After the consultation, the Plan will be approved by the governing "
                "bodies.",
            ),
        ],
    },
    {
        "id": "en-credit",
        "lang": "en",
        "blocks": [
            (
                "p",
                "Social enterprises still struggle to obtain credit. The Plan "
                "proposes {{a:a revolving fund for social enterprises}} managed "
                "with the banking foundations.",
            ),
            ("p", "The fund will also be open to impact start-ups."),
        ],
    },
    {
        "id": "en-list",
        "lang": "en",
        "blocks": [
            ("p", "The Plan sets three priorities:"),
            ("li", "strengthen networks between social and traditional businesses;"),
            ("li", "support {{a:the digital transition of nonprofits}} in the area;"),
            ("li", "improve access to European funds."),
        ],
    },
    {
        "id": "en-table",
        "lang": "en",
        "blocks": [
            ("p", "Milestones:"),
            ("td", "First half of 2025"),
            ("td", "Mapping of {{a:active social economy organisations}}"),
            ("td", "Second half of 2025"),
            ("td", "Launch of the local working groups"),
        ],
    },
    {
        "id": "en-housing",
        "lang": "en",
        "blocks": [
            (
                "p",
                "Housing is one of the city's most pressing social needs. The Plan "
                "supports {{a:collaborative housing projects}} run by cooperatives "
                "and associations.",
            ),
            ("p", "Projects already running in the suburbs will be scaled up."),
        ],
    },
    {
        "id": "en-procurement",
        "lang": "en",
        "blocks": [
            (
                "p",
                "Municipalities can use procurement as a lever for development. The "
                "Plan promotes {{a:social clauses in public contracts}} and "
                "co-design with the third sector.",
            ),
            ("p", "A practical guide will be given to municipal offices."),
        ],
    },
    {
        "id": "en-repeated",
        "lang": "en",
        "blocks": [
            (
                "p",
                "The social economy creates jobs. The social economy also creates "
                "ties, which is why {{a:the social economy}} is at the heart of the "
                "Plan.",
            ),
            ("p", "The Plan is addressed to every organisation in the area."),
        ],
    },
]

# Words an editor inserts: an adjective or adverb that fits most places.
INSERTIONS = {
    "it": ["effettivo", "pieno", "concreto", "reale", "stabile", "nuovo", "ampio"],
    "en": ["effective", "full", "real", "lasting", "broad", "new", "concrete"],
}
BEFORE_WORDS = {
    "it": ["davvero", "soprattutto", "anche", "inoltre", "concretamente"],
    "en": ["really", "above all", "also", "notably", "concretely"],
}
CLAUSES = {
    "it": [", ove possibile,", ", in accordo con i comuni,", ", entro il 2026,"],
    "en": [", where possible,", ", together with the municipalities,", ", by 2026,"],
}
# Sentences that replace a commented one: same subject matter, some of the
# same small words, none of the passage.
REWRITES = {
    "it": [
        "Il Piano sostiene la formazione delle persone e delle imprese del territorio.",
        "La Città metropolitana avvierà tavoli di confronto con le associazioni "
        "di categoria.",
        "Gli enti promotori pubblicheranno un bando dedicato entro la fine dell'anno.",
        "Le organizzazioni potranno presentare proposte attraverso il sito della "
        "consultazione.",
    ],
    "en": [
        "The Plan supports the training of people and businesses in the area.",
        "The Metropolitan City will open round tables with trade associations.",
        "The promoting entities will publish a dedicated call by the end of the year.",
        "Organisations will be able to submit proposals through the consultation "
        "website.",
    ],
}
# Words that replace the commented words while the sentence around stays.
REPLACEMENTS = {
    "it": [
        "una rete di sportelli territoriali",
        "incentivi fiscali dedicati",
        "bandi annuali",
        "tavoli di coordinamento",
    ],
    "en": [
        "a network of local desks",
        "dedicated tax incentives",
        "yearly calls",
        "coordination tables",
    ],
}
SYNONYMS = {
    "it": ["specifico", "comune", "dedicato", "integrato"],
    "en": ["specific", "shared", "dedicated", "integrated"],
}
NEW_PARAGRAPHS = {
    "it": [
        "Il Piano è stato discusso in tre incontri pubblici con le organizzazioni "
        "del territorio.",
        "Ogni azione indica l'ente capofila, i partner e le risorse previste.",
    ],
    "en": [
        "The Plan was discussed in three public meetings with local organisations.",
        "Each action names its lead body, its partners and its resources.",
    ],
}
WHOLE_REWRITES = {
    "it": [
        ("h2", "Nota"),
        (
            "p",
            "Questa sezione è in corso di revisione dopo la consultazione e sarà "
            "pubblicata nella versione definitiva del Piano.",
        ),
    ],
    "en": [
        ("h2", "Note"),
        (
            "p",
            "This section is being revised after the consultation and will be "
            "published in the final version of the Plan.",
        ),
    ],
}
