"""Demo content for the torino.socialplan demo profile.

Pure data, in Italian (the site's language): the two promoting institutions,
the draft Plan with its phases, the chapters and their actions, and the first
contributions to the consultation (comments and pledges of invented people).
Every text is a plausible DRAFT written for the demo site from the public
consultation page; it is not the official text of the Plan.
"""

from datetime import date


DEMO_NOTICE = "Contenuto dimostrativo"

# The demo consultation is open from site creation for 15 days.
PLAN_WINDOW_DAYS = 15

INSTITUTIONS = [
    {
        "id": "camera-di-commercio-di-torino",
        "title": "Camera di commercio di Torino",
        "description": (
            "Ente pubblico che cura gli interessi generali del sistema delle imprese "
            "del territorio torinese; è tra i promotori del Piano metropolitano "
            "dell'economia sociale."
        ),
        "text": (
            '<p class="socialplan-no-comments">'
            "<em>Testo dimostrativo: la presentazione dell'ente è una sintesi "
            "redatta per il sito di prova e non sostituisce le informazioni "
            "ufficiali.</em></p>"
            "<h2>L'ente</h2>"
            "<p>La Camera di commercio di Torino è un ente pubblico dotato di "
            "autonomia funzionale che svolge funzioni di interesse generale per il "
            "sistema delle imprese. Tiene il Registro delle imprese, sostiene la "
            "competitività delle aziende e promuove lo sviluppo dell'economia "
            "locale.</p>"
            "<h2>Il ruolo nel Piano</h2>"
            "<p>Il 18 luglio 2024 la Camera di commercio di Torino e la Città "
            "metropolitana di Torino hanno sottoscritto un accordo per la redazione "
            "del Piano metropolitano dell'economia sociale, nell'ambito di Torino "
            "Social Impact. La Camera partecipa alla definizione dei contenuti del "
            "Piano insieme alla Città metropolitana e ne promuove la consultazione "
            "pubblica.</p>"
            "<p>Il contributo della Camera si inserisce nel quadro programmatico già "
            "delineato nel Programma pluriennale 2020-2024 dell'ente e nel Masterplan "
            "di Torino Social Impact, con particolare attenzione al rapporto tra "
            "imprese, finanza e innovazione sociale.</p>"
            "<h2>Torino Social Impact</h2>"
            "<p>Torino Social Impact è la rete di imprese, istituzioni e "
            "organizzazioni del territorio impegnate a fare dell'area torinese un "
            "luogo favorevole all'imprenditorialità e alla finanza a impatto sociale. "
            "Il Piano ne rappresenta uno degli sviluppi programmatici.</p>"
        ),
        "website": "https://www.to.camcom.it",
        "address": "Via Carlo Alberto 16, 10123 Torino",
        "email": "urp@to.camcom.it",
        "phone": "+39 011 571 61",
        "editors_group": "chamber-editors",
    },
    {
        "id": "citta-metropolitana-di-torino",
        "title": "Città metropolitana di Torino",
        "description": (
            "Ente territoriale di area vasta che coordina lo sviluppo strategico dei "
            "comuni del territorio metropolitano; è tra i promotori del Piano "
            "metropolitano dell'economia sociale."
        ),
        "text": (
            '<p class="socialplan-no-comments">'
            "<em>Testo dimostrativo: la presentazione dell'ente è una sintesi "
            "redatta per il sito di prova e non sostituisce le informazioni "
            "ufficiali.</em></p>"
            "<h2>L'ente</h2>"
            "<p>La Città metropolitana di Torino è l'ente territoriale di area vasta "
            "che comprende il capoluogo e i comuni della sua area metropolitana, dalla "
            "pianura alle valli alpine. Tra le sue funzioni rientrano la "
            "pianificazione strategica del territorio e la promozione dello sviluppo "
            "economico e sociale.</p>"
            "<h2>Il ruolo nel Piano</h2>"
            "<p>Con l'accordo del 18 luglio 2024, sottoscritto con la Camera di "
            "commercio di Torino nell'ambito di Torino Social Impact, la Città "
            "metropolitana ha avviato la redazione del Piano metropolitano "
            "dell'economia sociale. L'ente cura in particolare il raccordo con i "
            "comuni e con le politiche di coesione territoriale.</p>"
            "<p>Il Piano si collega al Piano strategico metropolitano 2024-2026, che "
            "individua nell'inclusione sociale e nello sviluppo equilibrato del "
            "territorio alcune delle priorità dell'azione metropolitana.</p>"
            "<h2>Torino Social Impact</h2>"
            "<p>La Città metropolitana partecipa a Torino Social Impact insieme alla "
            "Camera di commercio e agli altri attori dell'ecosistema, con l'obiettivo "
            "di integrare sviluppo economico, coesione sociale e inclusione.</p>"
        ),
        "website": "https://www.cittametropolitana.torino.it",
        "address": "Corso Inghilterra 7, 10138 Torino",
        "email": "urp@cittametropolitana.torino.it",
        "phone": "+39 011 861 2111",
        "editors_group": "city-editors",
    },
]

PLAN = {
    "id": "piano-metropolitano-economia-sociale",
    "title": "Piano metropolitano dell'economia sociale di Torino",
    "description": (
        "Bozza del Piano promosso dalla Camera di commercio di Torino e dalla Città "
        "metropolitana di Torino nell'ambito di Torino Social Impact, sottoposta a "
        "consultazione pubblica aperta."
    ),
    "text": (
        '<p class="socialplan-no-comments">'
        "<em>Testo dimostrativo: questo contenuto è stato redatto a scopo di prova "
        "sulla base della pagina pubblica della consultazione. Non è il testo "
        "ufficiale del Piano e non ha alcun valore programmatico.</em></p>"
        "<h2>Il Piano</h2>"
        "<p>Il 18 luglio 2024 la Camera di commercio di Torino e la Città "
        "metropolitana di Torino hanno sottoscritto un accordo per la redazione di un "
        "Piano metropolitano dell'economia sociale, nell'ambito di Torino Social "
        "Impact.</p>"
        "<p>L'obiettivo è promuovere un nuovo modello di crescita nell'area "
        "metropolitana e costruire un piano economico con una forte identità sociale. "
        "Per affrontare le sfide attuali occorre integrare gli obiettivi di sviluppo "
        "economico con quelli di coesione e inclusione sociale.</p>"
        "<h2>Il quadro di riferimento</h2>"
        "<p>L'iniziativa si inserisce nel quadro delle politiche europee, che "
        "considerano le imprese sociali non solo soggetti del welfare e della "
        "redistribuzione, ma anche motori dello sviluppo economico. L'economia sociale "
        "e a impatto è oggi parte delle politiche industriali orientate a una crescita "
        "equa e inclusiva.</p>"
        "<p>Il Piano collega il livello locale a quello nazionale ed europeo. Tiene "
        "conto della Raccomandazione del Consiglio dell'Unione europea sullo sviluppo "
        "delle condizioni quadro dell'economia sociale (C/2023/1344 del 27 novembre "
        "2023) e delle iniziative avviate nel maggio 2024 dal Ministero dell'Economia "
        "e delle Finanze (MEF) per darle attuazione.</p>"
        "<p>A livello locale il percorso è un'occasione per orientare e sostenere "
        "questi sviluppi. Come ricorda la stessa Raccomandazione, gli attori "
        "dell'economia sociale sono radicati nelle comunità, operano al servizio del "
        "contesto locale e adottano di norma un approccio dal basso.</p>"
        "<p>Il Piano si colloca in un quadro programmatico e operativo già definito "
        "dai documenti strategici degli enti promotori: il Piano strategico "
        "metropolitano 2024-2026 della Città metropolitana di Torino, il Programma "
        "pluriennale 2020-2024 della Camera di commercio di Torino e il Masterplan di "
        "Torino Social Impact.</p>"
        "<h2>Il percorso</h2>"
        "<p>La redazione, svolta con il supporto di Avventura Urbana, è iniziata "
        "nell'estate 2024 con un'analisi documentale per allineare i quadri strategici "
        "locali ed europei. È seguita una fase di ascolto del territorio, condotta "
        "attraverso interviste ai portatori di interesse.</p>"
        "<p>Il 5 dicembre 2024 l'evento «Verso il Piano metropolitano dell'economia "
        "sociale di Torino» ha avviato una fase più ampia di coinvolgimento "
        "territoriale, finalizzata a precisare i contenuti del Piano. Il percorso è "
        "ora giunto alla quarta fase, la consultazione aperta dell'ecosistema "
        "territoriale, sul modello delle consultazioni pubbliche della Commissione "
        "europea. Al termine della consultazione il Piano sarà sottoposto "
        "all'approvazione degli organi di governo degli enti promotori.</p>"
        "<h2>Come partecipare</h2>"
        "<p>Con questa consultazione pubblica la Città metropolitana di Torino e la "
        "Camera di commercio di Torino, nell'ambito di Torino Social Impact, "
        "raccolgono i contributi dei portatori di interesse sulla bozza del Piano. "
        "L'obiettivo è permettere a tutto l'ecosistema territoriale di proporre le "
        "integrazioni e le modifiche necessarie.</p>"
        "<h3>Come inviare un commento</h3>"
        "<ul>"
        "<li>Leggi la bozza del Piano, elaborata a partire dai piani strategici "
        "degli enti promotori e dalle fasi di confronto precedenti.</li>"
        "<li>Invia il tuo commento indicando le modifiche o le integrazioni da "
        "considerare per rispondere meglio ai bisogni attuali e futuri del "
        "territorio.</li>"
        "<li>Se pertinente, in base alla programmazione strategica, alle risorse e ai "
        "progetti in corso della tua organizzazione, indica a quali azioni del "
        "Piano puoi contribuire e in che modo.</li>"
        "</ul>"
        "<p>I commenti sono pubblicati dopo la moderazione, con <strong>nome, cognome "
        "e organizzazione</strong> di chi li scrive. <strong>Gli indirizzi e-mail non "
        "sono mai pubblicati.</strong></p>"
    ),
    "promoters": ["camera-di-commercio-di-torino", "citta-metropolitana-di-torino"],
    "phases": [
        {
            "title": "Analisi documentale",
            "start": date(2024, 7, 18),
            "end": date(2024, 9, 30),
            "description": (
                "Analisi dei documenti strategici locali, nazionali ed europei per "
                "allineare il Piano ai quadri di riferimento esistenti."
            ),
        },
        {
            "title": "Ascolto del territorio",
            "start": date(2024, 10, 1),
            "end": date(2024, 11, 30),
            "description": (
                "Interviste ai portatori di interesse dell'economia sociale dell'area "
                "metropolitana per raccogliere bisogni, esperienze e proposte."
            ),
        },
        {
            "title": (
                "Evento «Verso il Piano metropolitano dell'economia sociale di Torino»"
            ),
            "start": date(2024, 12, 5),
            "end": date(2024, 12, 5),
            "description": (
                "Incontro pubblico che ha presentato il percorso e avviato la fase di "
                "coinvolgimento territoriale."
            ),
        },
        {
            "title": "Coinvolgimento territoriale",
            "start": date(2024, 12, 6),
            "end": date(2025, 2, 24),
            "description": (
                "Confronto con gli attori del territorio per precisare i contenuti "
                "della bozza del Piano."
            ),
        },
        {
            "title": "Consultazione pubblica aperta",
            "start": date(2025, 2, 25),
            "end": date(2025, 3, 11),
            "description": (
                "Consultazione aperta dell'ecosistema territoriale sulla bozza del "
                "Piano, sul modello delle consultazioni pubbliche della Commissione "
                "europea."
            ),
        },
        {
            "title": "Approvazione da parte degli organi di governo",
            "start": date(2025, 4, 1),
            "end": date(2025, 6, 30),
            "description": (
                "Approvazione del Piano da parte degli organi di governo degli enti "
                "promotori, prevista dopo la conclusione della consultazione."
            ),
        },
    ],
}

CHAPTERS = [
    {
        "id": "visione-e-quadro-di-riferimento",
        "title": "Visione e quadro di riferimento",
        "description": (
            "La visione del Piano e il suo collegamento con la Raccomandazione "
            "europea, le iniziative nazionali e le strategie locali."
        ),
        "text": (
            "<p>L'economia sociale comprende organizzazioni che perseguono finalità di "
            "interesse generale e reinvestono la maggior parte degli utili nelle "
            "proprie attività: cooperative, imprese sociali, associazioni, fondazioni "
            "ed enti del Terzo settore. Nell'area metropolitana di Torino questi "
            "soggetti sono presenti in molti ambiti, dai servizi alla persona "
            "all'inserimento lavorativo, dalla cultura all'ambiente.</p>"
            "<p>La visione del Piano è quella di un territorio in cui l'economia "
            "sociale sia riconosciuta come parte del sistema produttivo e non solo "
            "come risposta ai bisogni sociali. Sviluppo economico, coesione e "
            "inclusione vengono considerati obiettivi da perseguire insieme, con "
            "strumenti coordinati tra i diversi livelli di governo.</p>"
            "<h3>Il livello europeo e nazionale</h3>"
            "<p>Il principale riferimento è la Raccomandazione del Consiglio "
            "dell'Unione europea C/2023/1344 del 27 novembre 2023, che invita gli "
            "Stati membri a migliorare le condizioni quadro dell'economia sociale. La "
            "Raccomandazione tocca ambiti come l'accesso al lavoro, il quadro "
            "giuridico, i finanziamenti pubblici e privati, gli appalti, le competenze "
            "e i dati statistici.</p>"
            "<p>A livello nazionale il Piano tiene conto delle iniziative avviate nel "
            "maggio 2024 dal Ministero dell'Economia e delle Finanze per dare "
            "attuazione alla Raccomandazione. Il Piano intende seguirne gli sviluppi e "
            "rendere visibili le esigenze del territorio torinese nei percorsi "
            "nazionali.</p>"
            "<h3>Il livello locale</h3>"
            "<p>Il Piano non parte da zero: si appoggia al Piano strategico "
            "metropolitano 2024-2026, al Programma pluriennale 2020-2024 della Camera "
            "di commercio e al Masterplan di Torino Social Impact. Le azioni di questo "
            "capitolo riguardano la governance del Piano, il monitoraggio del quadro "
            "normativo e il riconoscimento pubblico dell'economia sociale.</p>"
        ),
        "actions": [
            {
                "id": "tavolo-metropolitano-economia-sociale",
                "code": "A.1.1",
                "title": "Tavolo metropolitano permanente per l'economia sociale",
                "description": (
                    "Costituzione di un tavolo di coordinamento tra enti promotori, "
                    "comuni e rappresentanze dell'economia sociale per accompagnare "
                    "l'attuazione del Piano."
                ),
                "text": (
                    "<p>Il tavolo riunisce periodicamente gli enti promotori, una "
                    "rappresentanza dei comuni dell'area metropolitana, le "
                    "organizzazioni di rappresentanza dell'economia sociale e gli enti "
                    "finanziatori del territorio. Ha il compito di seguire "
                    "l'attuazione delle azioni, segnalare le criticità e proporre "
                    "aggiornamenti del Piano.</p>"
                    "<p>Il tavolo opera con un regolamento semplice e pubblico, con "
                    "incontri almeno semestrali e con la pubblicazione di una sintesi "
                    "degli esiti. È prevista un'articolazione in gruppi di lavoro "
                    "tematici corrispondenti ai capitoli del Piano.</p>"
                ),
                "objectives": (
                    "- Assicurare un coordinamento stabile tra i soggetti coinvolti "
                    "nel Piano\n"
                    "- Dare continuità al percorso partecipativo avviato con la "
                    "consultazione\n"
                    "- Rendere pubblici gli avanzamenti e le decisioni assunte"
                ),
                "lead_institutions": [
                    "camera-di-commercio-di-torino",
                    "citta-metropolitana-di-torino",
                ],
                "partners": [
                    {
                        "organization": "Forum del Terzo Settore Piemonte",
                        "role": "co-progettazione",
                    },
                    {
                        "organization": "Confcooperative Piemonte Nord",
                        "role": "co-progettazione",
                    },
                    {"organization": "Legacoop Piemonte", "role": "co-progettazione"},
                    {
                        "organization": "Comune di Torino",
                        "role": "partecipazione al tavolo",
                    },
                ],
                "indicators": [
                    {
                        "name": "Incontri del tavolo svolti",
                        "baseline": "0",
                        "target": "6",
                        "unit": "incontri",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Organizzazioni partecipanti al tavolo",
                        "baseline": "0",
                        "target": "25 (stima)",
                        "unit": "organizzazioni",
                        "deadline": date(2026, 12, 31),
                    },
                ],
                "milestones": [
                    {
                        "title": "Approvazione del regolamento del tavolo",
                        "due_date": date(2025, 10, 31),
                        "done": False,
                    },
                    {
                        "title": "Prima relazione pubblica sull'attuazione del Piano",
                        "due_date": date(2026, 6, 30),
                        "done": False,
                    },
                ],
                "budget": "€ 40.000 (stima)",
                "funding_sources": (
                    "Risorse ordinarie degli enti promotori.\n"
                    "Eventuale cofinanziamento nell'ambito di Torino Social Impact."
                ),
                "eu_recommendation_areas": [
                    "legal_policy_framework",
                    "regional_local_development",
                ],
                "status": "planned",
            },
            {
                "id": "osservatorio-quadro-normativo",
                "code": "A.1.2",
                "title": "Monitoraggio del quadro normativo e fiscale",
                "description": (
                    "Monitoraggio delle misure europee e nazionali di attuazione della "
                    "Raccomandazione e segnalazione delle esigenze del territorio."
                ),
                "text": (
                    "<p>L'azione prevede un'attività di monitoraggio delle misure "
                    "adottate a livello europeo e nazionale in attuazione della "
                    "Raccomandazione C/2023/1344, incluse le iniziative avviate dal "
                    "Ministero dell'Economia e delle Finanze. Particolare attenzione è "
                    "dedicata al quadro giuridico e fiscale degli enti dell'economia "
                    "sociale.</p>"
                    "<p>Gli esiti del monitoraggio sono condivisi con il tavolo "
                    "metropolitano sotto forma di note periodiche. Le note possono "
                    "servire anche come base per contributi alle consultazioni "
                    "nazionali ed europee.</p>"
                ),
                "objectives": (
                    "- Tenere aggiornati gli attori locali sulle novità normative e "
                    "fiscali\n"
                    "- Individuare gli ostacoli normativi che limitano lo sviluppo "
                    "dell'economia sociale\n"
                    "- Portare le esigenze del territorio nei percorsi nazionali"
                ),
                "lead_institutions": ["citta-metropolitana-di-torino"],
                "partners": [
                    {
                        "organization": "Università di Torino",
                        "role": "supporto scientifico",
                    },
                    {
                        "organization": "Forum del Terzo Settore Piemonte",
                        "role": "segnalazione delle esigenze",
                    },
                    {
                        "organization": "Social Impact Agenda per l'Italia",
                        "role": "raccordo nazionale",
                    },
                ],
                "indicators": [
                    {
                        "name": "Note di aggiornamento pubblicate",
                        "baseline": "0",
                        "target": "4 all'anno",
                        "unit": "note",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": (
                            "Contributi inviati a consultazioni nazionali o europee"
                        ),
                        "baseline": "0",
                        "target": "2",
                        "unit": "contributi",
                        "deadline": date(2027, 12, 31),
                    },
                ],
                "milestones": [
                    {
                        "title": "Prima nota di aggiornamento",
                        "due_date": date(2025, 12, 31),
                        "done": False,
                    },
                    {
                        "title": "Rapporto sugli ostacoli normativi e fiscali",
                        "due_date": date(2026, 9, 30),
                        "done": False,
                    },
                ],
                "budget": "€ 30.000 (stima)",
                "funding_sources": (
                    "Risorse ordinarie della Città metropolitana di Torino."
                ),
                "eu_recommendation_areas": ["legal_policy_framework", "taxation"],
                "status": "proposed",
            },
            {
                "id": "riconoscimento-e-visibilita",
                "code": "A.1.3",
                "title": "Riconoscimento e visibilità dell'economia sociale",
                "description": (
                    "Iniziative di comunicazione e di racconto per far conoscere il "
                    "contributo dell'economia sociale all'economia del territorio."
                ),
                "text": (
                    "<p>Molte organizzazioni dell'economia sociale sono poco "
                    "conosciute al di fuori del proprio ambito di attività. L'azione "
                    "prevede un programma di comunicazione che presenti esperienze del "
                    "territorio, con attenzione ai risultati economici e sociali e non "
                    "solo alle finalità.</p>"
                    "<p>Il programma comprende una pagina informativa dedicata, un "
                    "ciclo di incontri aperti nelle diverse zone dell'area "
                    "metropolitana e la partecipazione a iniziative nazionali ed "
                    "europee dedicate all'economia sociale.</p>"
                    "<p>Le storie raccolte sono selezionate con criteri pubblici e "
                    "concordate con le organizzazioni interessate.</p>"
                ),
                "objectives": (
                    "- Aumentare la conoscenza dell'economia sociale presso cittadini, "
                    "imprese e amministrazioni\n"
                    "- Valorizzare le esperienze presenti nelle diverse zone del "
                    "territorio\n"
                    "- Favorire nuove collaborazioni tra imprese sociali e imprese "
                    "tradizionali"
                ),
                "lead_institutions": ["camera-di-commercio-di-torino"],
                "partners": [
                    {
                        "organization": "Confcooperative Piemonte Nord",
                        "role": "segnalazione di esperienze",
                    },
                    {
                        "organization": "Legacoop Piemonte",
                        "role": "segnalazione di esperienze",
                    },
                    {"organization": "Fondazione CRT", "role": "cofinanziamento"},
                ],
                "indicators": [
                    {
                        "name": "Esperienze presentate",
                        "baseline": "0",
                        "target": "30",
                        "unit": "esperienze",
                        "deadline": date(2027, 6, 30),
                    },
                    {
                        "name": "Incontri territoriali organizzati",
                        "baseline": "0",
                        "target": "8",
                        "unit": "incontri",
                        "deadline": date(2027, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": "Pubblicazione della pagina informativa",
                        "due_date": date(2025, 12, 15),
                        "done": False,
                    },
                    {
                        "title": "Primo ciclo di incontri territoriali",
                        "due_date": date(2026, 6, 30),
                        "done": False,
                    },
                ],
                "budget": "€ 60.000 (stima)",
                "funding_sources": (
                    "Risorse della Camera di commercio di Torino.\n"
                    "Eventuale cofinanziamento di fondazioni del territorio."
                ),
                "eu_recommendation_areas": ["visibility_recognition"],
                "status": "proposed",
            },
        ],
    },
    {
        "id": "lavoro-e-inclusione-sociale",
        "title": "Lavoro e inclusione sociale",
        "description": (
            "Il contributo dell'economia sociale all'inserimento lavorativo delle "
            "persone più fragili e ai servizi di prossimità nelle diverse aree del "
            "territorio."
        ),
        "text": (
            "<p>L'inserimento lavorativo delle persone in condizione di svantaggio è "
            "uno degli ambiti in cui l'economia sociale torinese ha maturato maggiore "
            "esperienza, in particolare attraverso le cooperative sociali di "
            "inserimento lavorativo. Queste esperienze dimostrano che lavoro e "
            "inclusione possono andare insieme anche in contesti produttivi "
            "competitivi.</p>"
            "<p>La Raccomandazione europea chiede di favorire l'accesso al mercato del "
            "lavoro delle persone più distanti dall'occupazione e di riconoscere il "
            "ruolo delle imprese sociali in questo campo. Nel territorio metropolitano "
            "ciò significa collegare meglio servizi per il lavoro, imprese sociali e "
            "imprese tradizionali.</p>"
            "<h3>Le diverse aree del territorio</h3>"
            "<p>L'area metropolitana comprende contesti molto diversi: la città "
            "capoluogo, la cintura, le aree collinari e le valli alpine. Nelle aree "
            "meno popolate le organizzazioni dell'economia sociale gestiscono spesso "
            "servizi di prossimità che altrimenti non sarebbero disponibili.</p>"
            "<p>Le azioni di questo capitolo riguardano i percorsi di inserimento "
            "lavorativo, le alleanze tra imprese e imprese sociali e il sostegno ai "
            "servizi di prossimità. Ogni azione andrà definita nel dettaglio con i "
            "servizi per il lavoro e con i comuni interessati.</p>"
        ),
        "actions": [
            {
                "id": "percorsi-inserimento-lavorativo",
                "code": "A.2.1",
                "title": "Percorsi integrati di inserimento lavorativo",
                "description": (
                    "Percorsi di orientamento, formazione e inserimento lavorativo per "
                    "persone in condizione di svantaggio, costruiti con imprese "
                    "sociali e servizi per il lavoro."
                ),
                "text": (
                    "<p>L'azione prevede la sperimentazione di percorsi integrati che "
                    "accompagnano la persona dall'orientamento all'inserimento in "
                    "azienda. I percorsi sono costruiti insieme ai servizi per il "
                    "lavoro, ai servizi sociali e alle imprese sociali di inserimento "
                    "lavorativo.</p>"
                    "<p>La sperimentazione riguarda inizialmente alcune zone dell'area "
                    "metropolitana, individuate in base ai bisogni rilevati. Al "
                    "termine è prevista una valutazione dei risultati per decidere "
                    "l'eventuale estensione all'intero territorio.</p>"
                ),
                "objectives": (
                    "- Aumentare le opportunità di lavoro per le persone più distanti "
                    "dall'occupazione\n"
                    "- Coordinare servizi per il lavoro, servizi sociali e imprese "
                    "sociali\n"
                    "- Valutare i risultati dei percorsi con criteri condivisi"
                ),
                "lead_institutions": ["citta-metropolitana-di-torino"],
                "partners": [
                    {
                        "organization": "Agenzia Piemonte Lavoro",
                        "role": "co-progettazione",
                    },
                    {
                        "organization": "Confcooperative Piemonte Nord",
                        "role": "attuazione",
                    },
                    {"organization": "Legacoop Piemonte", "role": "attuazione"},
                    {"organization": "Università di Torino", "role": "valutazione"},
                ],
                "indicators": [
                    {
                        "name": "Persone coinvolte nei percorsi",
                        "baseline": "0",
                        "target": "200 (stima)",
                        "unit": "persone",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": (
                            "Persone occupate a sei mesi dalla conclusione del percorso"
                        ),
                        "baseline": "da definire",
                        "target": "40 (stima)",
                        "unit": "%",
                        "deadline": date(2028, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": (
                            "Definizione del modello di percorso con i servizi per il "
                            "lavoro"
                        ),
                        "due_date": date(2025, 12, 31),
                        "done": False,
                    },
                    {
                        "title": "Avvio della sperimentazione",
                        "due_date": date(2026, 3, 31),
                        "done": False,
                    },
                    {
                        "title": "Rapporto di valutazione",
                        "due_date": date(2027, 12, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 600.000 (stima)",
                "funding_sources": (
                    "Fondo sociale europeo Plus (programma regionale).\n"
                    "Risorse della Città metropolitana di Torino.\n"
                    "Eventuale cofinanziamento di fondazioni del territorio."
                ),
                "eu_recommendation_areas": [
                    "labour_market_inclusion",
                    "skills_training",
                ],
                "status": "planned",
            },
            {
                "id": "alleanze-imprese-e-imprese-sociali",
                "code": "A.2.2",
                "title": "Alleanze tra imprese e imprese sociali per l'inclusione",
                "description": (
                    "Promozione di accordi tra imprese tradizionali e imprese sociali "
                    "per commesse, tirocini e inserimenti lavorativi."
                ),
                "text": (
                    "<p>Molte imprese del territorio sono interessate a collaborare "
                    "con l'economia sociale ma non sanno a chi rivolgersi. L'azione "
                    "prevede un servizio di incontro tra imprese e imprese sociali e "
                    "la diffusione di modelli di accordo già sperimentati, ad esempio "
                    "per l'affidamento di commesse o per tirocini di inclusione.</p>"
                    "<p>Il servizio è accompagnato da incontri informativi rivolti "
                    "alle imprese, con attenzione alle piccole e medie imprese, e da "
                    "una raccolta di buone pratiche.</p>"
                ),
                "objectives": (
                    "- Far conoscere alle imprese le opportunità di collaborazione con "
                    "l'economia sociale\n"
                    "- Aumentare il numero di accordi tra imprese e imprese sociali\n"
                    "- Diffondere modelli di accordo semplici e replicabili"
                ),
                "lead_institutions": ["camera-di-commercio-di-torino"],
                "partners": [
                    {
                        "organization": "Associazioni di categoria delle imprese",
                        "role": "diffusione",
                    },
                    {
                        "organization": "Confcooperative Piemonte Nord",
                        "role": "co-progettazione",
                    },
                    {"organization": "Legacoop Piemonte", "role": "co-progettazione"},
                ],
                "indicators": [
                    {
                        "name": "Imprese coinvolte negli incontri",
                        "baseline": "0",
                        "target": "150 (stima)",
                        "unit": "imprese",
                        "deadline": date(2027, 6, 30),
                    },
                    {
                        "name": "Accordi sottoscritti",
                        "baseline": "da definire",
                        "target": "30 (stima)",
                        "unit": "accordi",
                        "deadline": date(2027, 12, 31),
                    },
                ],
                "milestones": [
                    {
                        "title": "Raccolta dei modelli di accordo",
                        "due_date": date(2026, 3, 31),
                        "done": False,
                    },
                    {
                        "title": "Avvio del servizio di incontro",
                        "due_date": date(2026, 6, 30),
                        "done": False,
                    },
                ],
                "budget": "€ 120.000 (stima)",
                "funding_sources": "Risorse della Camera di commercio di Torino.",
                "eu_recommendation_areas": [
                    "labour_market_inclusion",
                    "public_procurement_markets",
                ],
                "status": "proposed",
            },
            {
                "id": "servizi-di-prossimita",
                "code": "A.2.3",
                "title": "Servizi di prossimità nelle aree interne e montane",
                "description": (
                    "Sostegno alle organizzazioni dell'economia sociale che gestiscono "
                    "servizi di prossimità nelle aree meno servite del territorio "
                    "metropolitano."
                ),
                "text": (
                    "<p>Nelle aree interne e montane dell'area metropolitana i servizi "
                    "di prossimità, come l'assistenza domiciliare, i negozi "
                    "multiservizio o il trasporto a chiamata, sono spesso gestiti da "
                    "cooperative e associazioni. Questi servizi contribuiscono a "
                    "contrastare lo spopolamento e a mantenere occupazione locale.</p>"
                    "<p>L'azione prevede una ricognizione dei servizi esistenti, "
                    "l'individuazione dei bisogni non coperti e la definizione, con i "
                    "comuni interessati, di forme di sostegno e di collaborazione "
                    "stabili.</p>"
                ),
                "objectives": (
                    "- Conoscere i servizi di prossimità gestiti dall'economia "
                    "sociale\n"
                    "- Sostenere la continuità dei servizi nelle aree meno servite\n"
                    "- Favorire forme di collaborazione stabile tra comuni e "
                    "organizzazioni"
                ),
                "lead_institutions": ["citta-metropolitana-di-torino"],
                "partners": [
                    {
                        "organization": "Unioni montane dei comuni",
                        "role": "co-progettazione",
                    },
                    {
                        "organization": "Regione Piemonte",
                        "role": "raccordo con la programmazione regionale",
                    },
                    {
                        "organization": "Fondazione Compagnia di San Paolo",
                        "role": "cofinanziamento",
                    },
                ],
                "indicators": [
                    {
                        "name": "Servizi di prossimità censiti",
                        "baseline": "da definire",
                        "target": "censimento completato",
                        "unit": "servizi",
                        "deadline": date(2026, 12, 31),
                    },
                    {
                        "name": "Comuni coinvolti in accordi di collaborazione",
                        "baseline": "0",
                        "target": "20 (stima)",
                        "unit": "comuni",
                        "deadline": date(2028, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": "Conclusione della ricognizione",
                        "due_date": date(2026, 6, 30),
                        "done": False,
                    },
                    {
                        "title": "Primi accordi con i comuni",
                        "due_date": date(2027, 3, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 250.000 (stima)",
                "funding_sources": (
                    "Risorse della Città metropolitana di Torino.\n"
                    "Fondi per le aree interne e montane.\n"
                    "Eventuale cofinanziamento di fondazioni del territorio."
                ),
                "eu_recommendation_areas": [
                    "regional_local_development",
                    "labour_market_inclusion",
                ],
                "status": "proposed",
            },
        ],
    },
    {
        "id": "finanziamenti-e-finanza-d-impatto",
        "title": "Accesso ai finanziamenti e alla finanza d'impatto",
        "description": (
            "Strumenti per facilitare l'accesso delle organizzazioni dell'economia "
            "sociale ai finanziamenti pubblici e privati, compresa la finanza a "
            "impatto sociale."
        ),
        "text": (
            "<p>Le organizzazioni dell'economia sociale incontrano spesso difficoltà "
            "ad accedere al credito e agli investimenti, per la dimensione ridotta, la "
            "scarsa patrimonializzazione o la difficoltà di rappresentare il valore "
            "sociale generato. Queste difficoltà limitano la capacità di crescere e di "
            "innovare.</p>"
            "<p>La Raccomandazione europea invita a migliorare l'accesso ai "
            "finanziamenti pubblici, nel rispetto delle regole sugli aiuti di Stato, e "
            "a mobilitare capitali privati verso l'economia sociale. Il territorio "
            "torinese dispone di fondazioni, intermediari finanziari e iniziative di "
            "finanza a impatto che possono contribuire a questo obiettivo.</p>"
            "<h3>Orientamento e preparazione</h3>"
            "<p>Una parte del problema riguarda la conoscenza delle opportunità "
            "disponibili e la capacità di presentare progetti solidi. Per questo il "
            "Piano propone un servizio di orientamento e percorsi di preparazione agli "
            "investimenti, accompagnati da strumenti per misurare l'impatto.</p>"
            "<h3>Strumenti finanziari</h3>"
            "<p>Il Piano propone inoltre di valutare uno strumento finanziario "
            "metropolitano che combini risorse pubbliche e private, ad esempio sotto "
            "forma di garanzie o di prestiti a condizioni agevolate. La fattibilità "
            "dello strumento dovrà essere verificata con gli enti finanziatori e con "
            "le autorità competenti.</p>"
        ),
        "actions": [
            {
                "id": "sportello-orientamento-finanziamenti",
                "code": "A.3.1",
                "title": (
                    "Sportello di orientamento ai finanziamenti per l'economia sociale"
                ),
                "description": (
                    "Servizio informativo sulle opportunità di finanziamento pubblico "
                    "e privato rivolte alle organizzazioni dell'economia sociale."
                ),
                "text": (
                    "<p>Lo sportello offre informazioni aggiornate su bandi, "
                    "agevolazioni e strumenti finanziari disponibili a livello "
                    "europeo, nazionale, regionale e locale. Il servizio è erogato in "
                    "presenza e a distanza, con appuntamenti individuali e incontri di "
                    "gruppo.</p>"
                    "<p>Lo sportello si coordina con i servizi già offerti dalle "
                    "organizzazioni di rappresentanza e dalle fondazioni, per evitare "
                    "sovrapposizioni e indirizzare le organizzazioni verso il servizio "
                    "più adatto.</p>"
                ),
                "objectives": (
                    "- Rendere più semplice l'accesso alle informazioni sui "
                    "finanziamenti\n"
                    "- Aumentare la partecipazione delle organizzazioni dell'economia "
                    "sociale ai bandi\n"
                    "- Coordinare i servizi informativi già presenti sul territorio"
                ),
                "lead_institutions": ["camera-di-commercio-di-torino"],
                "partners": [
                    {
                        "organization": "Fondazione Compagnia di San Paolo",
                        "role": "collaborazione informativa",
                    },
                    {
                        "organization": "Fondazione CRT",
                        "role": "collaborazione informativa",
                    },
                    {
                        "organization": "Forum del Terzo Settore Piemonte",
                        "role": "diffusione",
                    },
                ],
                "indicators": [
                    {
                        "name": "Organizzazioni assistite dallo sportello",
                        "baseline": "0",
                        "target": "300 (stima)",
                        "unit": "organizzazioni",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Domande di finanziamento presentate dopo l'assistenza",
                        "baseline": "da definire",
                        "target": "100 (stima)",
                        "unit": "domande",
                        "deadline": date(2027, 12, 31),
                    },
                ],
                "milestones": [
                    {
                        "title": "Apertura dello sportello",
                        "due_date": date(2026, 1, 31),
                        "done": False,
                    },
                    {
                        "title": "Prima relazione sull'attività dello sportello",
                        "due_date": date(2026, 12, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 150.000 (stima)",
                "funding_sources": "Risorse della Camera di commercio di Torino.",
                "eu_recommendation_areas": [
                    "public_funding_state_aid",
                    "private_funding",
                ],
                "status": "planned",
            },
            {
                "id": "strumento-finanziario-metropolitano",
                "code": "A.3.2",
                "title": (
                    "Studio di fattibilità di uno strumento finanziario metropolitano"
                ),
                "description": (
                    "Verifica della fattibilità di uno strumento che combini risorse "
                    "pubbliche e private a sostegno degli investimenti dell'economia "
                    "sociale."
                ),
                "text": (
                    "<p>L'azione prevede uno studio di fattibilità per uno strumento "
                    "finanziario dedicato all'economia sociale dell'area "
                    "metropolitana, ad esempio un fondo di garanzia o un fondo per "
                    "prestiti a condizioni agevolate. Lo studio analizza la domanda "
                    "potenziale, le risorse mobilitabili e la compatibilità con le "
                    "regole sugli aiuti di Stato.</p>"
                    "<p>Lo studio è condotto con il coinvolgimento di fondazioni, "
                    "banche e intermediari finanziari del territorio. In caso di esito "
                    "positivo, gli enti promotori valuteranno l'avvio dello strumento "
                    "con apposite decisioni dei propri organi.</p>"
                ),
                "objectives": (
                    "- Stimare il fabbisogno finanziario delle organizzazioni "
                    "dell'economia sociale\n"
                    "- Individuare le risorse pubbliche e private mobilitabili\n"
                    "- Definire un modello di strumento compatibile con le regole "
                    "sugli aiuti di Stato"
                ),
                "lead_institutions": [
                    "camera-di-commercio-di-torino",
                    "citta-metropolitana-di-torino",
                ],
                "partners": [
                    {
                        "organization": "Fondazione Compagnia di San Paolo",
                        "role": "co-progettazione",
                    },
                    {"organization": "Fondazione CRT", "role": "co-progettazione"},
                    {
                        "organization": "Social Impact Agenda per l'Italia",
                        "role": "supporto tecnico",
                    },
                    {
                        "organization": "Politecnico di Torino",
                        "role": "analisi e valutazione",
                    },
                ],
                "indicators": [
                    {
                        "name": "Studio di fattibilità completato",
                        "baseline": "no",
                        "target": "sì",
                        "unit": "studio",
                        "deadline": date(2026, 12, 31),
                    },
                    {
                        "name": "Risorse private disponibili a partecipare",
                        "baseline": "da definire",
                        "target": "da definire nello studio",
                        "unit": "€",
                        "deadline": date(2026, 12, 31),
                    },
                ],
                "milestones": [
                    {
                        "title": "Affidamento dello studio di fattibilità",
                        "due_date": date(2025, 12, 31),
                        "done": False,
                    },
                    {
                        "title": "Presentazione degli esiti dello studio",
                        "due_date": date(2026, 12, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 80.000 (stima, solo studio di fattibilità)",
                "funding_sources": (
                    "Risorse degli enti promotori.\n"
                    "Eventuale cofinanziamento di fondazioni del territorio."
                ),
                "eu_recommendation_areas": [
                    "private_funding",
                    "public_funding_state_aid",
                ],
                "status": "proposed",
            },
            {
                "id": "preparazione-investimenti-misurazione-impatto",
                "code": "A.3.3",
                "title": "Preparazione agli investimenti e misurazione dell'impatto",
                "description": (
                    "Percorsi di accompagnamento per rafforzare la capacità delle "
                    "organizzazioni di presentare progetti finanziabili e di misurare "
                    "l'impatto sociale."
                ),
                "text": (
                    "<p>L'azione prevede percorsi di accompagnamento di alcuni mesi "
                    "per piccoli gruppi di organizzazioni, con moduli su "
                    "pianificazione economica e finanziaria, modelli di business e "
                    "misurazione dell'impatto sociale. Ogni organizzazione lavora su "
                    "un proprio progetto di sviluppo.</p>"
                    "<p>Al termine dei percorsi è previsto un momento di presentazione "
                    "dei progetti a potenziali finanziatori e investitori, senza "
                    "impegno di finanziamento da parte degli enti promotori.</p>"
                ),
                "objectives": (
                    "- Rafforzare le competenze economico-finanziarie delle "
                    "organizzazioni\n"
                    "- Diffondere metodi condivisi di misurazione dell'impatto "
                    "sociale\n"
                    "- Favorire l'incontro tra organizzazioni e finanziatori"
                ),
                "lead_institutions": ["camera-di-commercio-di-torino"],
                "partners": [
                    {"organization": "Università di Torino", "role": "formazione"},
                    {"organization": "Politecnico di Torino", "role": "formazione"},
                    {
                        "organization": "Social Impact Agenda per l'Italia",
                        "role": "rete degli investitori",
                    },
                ],
                "indicators": [
                    {
                        "name": "Organizzazioni che completano il percorso",
                        "baseline": "0",
                        "target": "40 (stima)",
                        "unit": "organizzazioni",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": (
                            "Organizzazioni che adottano un sistema di misurazione "
                            "dell'impatto"
                        ),
                        "baseline": "da definire",
                        "target": "25 (stima)",
                        "unit": "organizzazioni",
                        "deadline": date(2028, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": "Avvio della prima edizione del percorso",
                        "due_date": date(2026, 3, 31),
                        "done": False,
                    },
                    {
                        "title": "Primo incontro con i finanziatori",
                        "due_date": date(2026, 11, 30),
                        "done": False,
                    },
                ],
                "budget": "€ 200.000 (stima)",
                "funding_sources": (
                    "Risorse della Camera di commercio di Torino.\n"
                    "Cofinanziamento di fondazioni e partner privati."
                ),
                "eu_recommendation_areas": ["private_funding", "skills_training"],
                "status": "planned",
            },
        ],
    },
    {
        "id": "appalti-mercati-e-partenariati",
        "title": "Appalti pubblici, mercati e partenariati",
        "description": (
            "Appalti socialmente responsabili, amministrazione condivisa e accesso "
            "delle imprese sociali ai mercati privati."
        ),
        "text": (
            "<p>Le pubbliche amministrazioni sono tra i principali interlocutori "
            "dell'economia sociale, sia come acquirenti di beni e servizi sia come "
            "partner nella programmazione dei servizi di interesse generale. Il modo "
            "in cui sono costruiti gli appalti e i rapporti di collaborazione incide "
            "direttamente sulla qualità dei servizi e sulla sostenibilità delle "
            "organizzazioni.</p>"
            "<p>La Raccomandazione europea incoraggia l'uso degli appalti pubblici "
            "socialmente responsabili e la partecipazione delle imprese sociali ai "
            "mercati. La normativa italiana prevede inoltre strumenti di "
            "amministrazione condivisa, come la co-programmazione e la "
            "co-progettazione con gli enti del Terzo settore.</p>"
            "<h3>Le amministrazioni locali</h3>"
            "<p>Molti comuni dell'area metropolitana, soprattutto quelli di piccole "
            "dimensioni, dispongono di risorse limitate per applicare questi "
            "strumenti. Il Piano propone quindi linee guida comuni e attività di "
            "accompagnamento rivolte agli uffici comunali.</p>"
            "<h3>I mercati privati</h3>"
            "<p>Accanto al mercato pubblico, il Piano intende favorire l'accesso delle "
            "imprese sociali alle filiere delle imprese private. Questo può avvenire "
            "attraverso occasioni di incontro, la partecipazione a reti di fornitura e "
            "la promozione di acquisti responsabili da parte delle imprese.</p>"
        ),
        "actions": [
            {
                "id": "linee-guida-appalti-socialmente-responsabili",
                "code": "A.4.1",
                "title": (
                    "Linee guida metropolitane per appalti socialmente responsabili"
                ),
                "description": (
                    "Linee guida e modelli di documenti di gara per l'uso di criteri e "
                    "clausole sociali negli appalti degli enti locali."
                ),
                "text": (
                    "<p>L'azione prevede la redazione di linee guida rivolte agli enti "
                    "locali dell'area metropolitana sull'uso di criteri sociali, "
                    "clausole sociali e appalti riservati, nel rispetto della "
                    "normativa vigente. Le linee guida sono accompagnate da modelli di "
                    "documenti di gara da adattare ai singoli casi.</p>"
                    "<p>I documenti sono predisposti con il contributo delle stazioni "
                    "appaltanti del territorio e delle organizzazioni dell'economia "
                    "sociale, e sono aggiornati in base alle modifiche normative.</p>"
                ),
                "objectives": (
                    "- Diffondere l'uso di criteri e clausole sociali negli appalti "
                    "degli enti locali\n"
                    "- Offrire agli uffici strumenti pratici e aggiornati\n"
                    "- Favorire la partecipazione delle imprese sociali alle procedure "
                    "di gara"
                ),
                "lead_institutions": ["citta-metropolitana-di-torino"],
                "partners": [
                    {"organization": "Comune di Torino", "role": "co-progettazione"},
                    {"organization": "Regione Piemonte", "role": "raccordo normativo"},
                    {
                        "organization": "Confcooperative Piemonte Nord",
                        "role": "consultazione",
                    },
                    {"organization": "Legacoop Piemonte", "role": "consultazione"},
                ],
                "indicators": [
                    {
                        "name": "Enti locali che adottano le linee guida",
                        "baseline": "0",
                        "target": "30 (stima)",
                        "unit": "enti",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Procedure di gara con clausole sociali",
                        "baseline": "da definire",
                        "target": "da definire dopo la rilevazione iniziale",
                        "unit": "procedure",
                        "deadline": date(2028, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": "Bozza delle linee guida in consultazione",
                        "due_date": date(2026, 3, 31),
                        "done": False,
                    },
                    {
                        "title": "Pubblicazione delle linee guida e dei modelli",
                        "due_date": date(2026, 9, 30),
                        "done": False,
                    },
                ],
                "budget": "€ 50.000 (stima)",
                "funding_sources": (
                    "Risorse ordinarie della Città metropolitana di Torino."
                ),
                "eu_recommendation_areas": [
                    "public_procurement_markets",
                    "legal_policy_framework",
                ],
                "status": "planned",
            },
            {
                "id": "accompagnamento-amministrazione-condivisa",
                "code": "A.4.2",
                "title": "Accompagnamento dei comuni all'amministrazione condivisa",
                "description": (
                    "Formazione e supporto ai comuni per l'uso della co-programmazione "
                    "e della co-progettazione con gli enti del Terzo settore."
                ),
                "text": (
                    "<p>L'azione offre ai comuni dell'area metropolitana, in "
                    "particolare a quelli di piccole dimensioni, un percorso di "
                    "formazione e di supporto sull'amministrazione condivisa. Il "
                    "percorso comprende incontri formativi, materiali di lavoro e un "
                    "supporto su casi concreti.</p>"
                    "<p>Il supporto può essere organizzato per ambiti territoriali, in "
                    "modo da favorire la collaborazione tra comuni vicini e con le "
                    "organizzazioni presenti sul territorio.</p>"
                ),
                "objectives": (
                    "- Rafforzare le competenze degli uffici comunali "
                    "sull'amministrazione condivisa\n"
                    "- Aumentare il numero di procedimenti di co-programmazione e "
                    "co-progettazione\n"
                    "- Favorire la collaborazione tra comuni dello stesso ambito "
                    "territoriale"
                ),
                "lead_institutions": ["citta-metropolitana-di-torino"],
                "partners": [
                    {
                        "organization": "Forum del Terzo Settore Piemonte",
                        "role": "co-progettazione",
                    },
                    {"organization": "Università di Torino", "role": "formazione"},
                    {"organization": "Unioni montane dei comuni", "role": "diffusione"},
                ],
                "indicators": [
                    {
                        "name": "Comuni partecipanti al percorso",
                        "baseline": "0",
                        "target": "40 (stima)",
                        "unit": "comuni",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": (
                            "Procedimenti di co-progettazione avviati dopo il percorso"
                        ),
                        "baseline": "da definire",
                        "target": "15 (stima)",
                        "unit": "procedimenti",
                        "deadline": date(2028, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": "Avvio del primo ciclo formativo",
                        "due_date": date(2026, 4, 30),
                        "done": False,
                    },
                    {
                        "title": "Pubblicazione dei materiali di lavoro",
                        "due_date": date(2026, 10, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 90.000 (stima)",
                "funding_sources": (
                    "Risorse della Città metropolitana di Torino.\n"
                    "Eventuali fondi per il rafforzamento della capacità "
                    "amministrativa."
                ),
                "eu_recommendation_areas": [
                    "public_procurement_markets",
                    "regional_local_development",
                ],
                "status": "proposed",
            },
            {
                "id": "accesso-ai-mercati-privati",
                "code": "A.4.3",
                "title": "Accesso delle imprese sociali alle filiere private",
                "description": (
                    "Occasioni di incontro tra imprese sociali e imprese private per "
                    "favorire rapporti di fornitura stabili."
                ),
                "text": (
                    "<p>L'azione prevede incontri tematici tra imprese sociali e "
                    "imprese private interessate a inserire fornitori dell'economia "
                    "sociale nelle proprie filiere. Gli incontri sono organizzati per "
                    "settore, ad esempio servizi alle imprese, ristorazione, logistica "
                    "e manutenzione del verde.</p>"
                    "<p>Le imprese sociali partecipanti possono essere accompagnate "
                    "nella preparazione delle offerte e nella verifica dei requisiti "
                    "richiesti dai committenti privati.</p>"
                ),
                "objectives": (
                    "- Aumentare le occasioni di fornitura per le imprese sociali\n"
                    "- Promuovere acquisti responsabili da parte delle imprese "
                    "private\n"
                    "- Rafforzare la capacità commerciale delle imprese sociali"
                ),
                "lead_institutions": ["camera-di-commercio-di-torino"],
                "partners": [
                    {
                        "organization": "Associazioni di categoria delle imprese",
                        "role": "coinvolgimento delle imprese",
                    },
                    {
                        "organization": "Confcooperative Piemonte Nord",
                        "role": "coinvolgimento delle imprese sociali",
                    },
                    {
                        "organization": "Legacoop Piemonte",
                        "role": "coinvolgimento delle imprese sociali",
                    },
                ],
                "indicators": [
                    {
                        "name": "Incontri tra imprese organizzati",
                        "baseline": "0",
                        "target": "10",
                        "unit": "incontri",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Imprese sociali partecipanti",
                        "baseline": "0",
                        "target": "80 (stima)",
                        "unit": "imprese",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Nuovi rapporti di fornitura avviati",
                        "baseline": "da definire",
                        "target": "20 (stima)",
                        "unit": "rapporti",
                        "deadline": date(2028, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": "Primo incontro settoriale",
                        "due_date": date(2026, 5, 31),
                        "done": False,
                    },
                    {
                        "title": "Rilevazione dei rapporti di fornitura avviati",
                        "due_date": date(2027, 6, 30),
                        "done": False,
                    },
                ],
                "budget": "€ 70.000 (stima)",
                "funding_sources": "Risorse della Camera di commercio di Torino.",
                "eu_recommendation_areas": [
                    "public_procurement_markets",
                    "regional_local_development",
                ],
                "status": "proposed",
            },
        ],
    },
    {
        "id": "competenze-innovazione-sociale-e-dati",
        "title": "Competenze, innovazione sociale e dati",
        "description": (
            "Dati e conoscenze sull'economia sociale metropolitana, competenze per le "
            "organizzazioni e sperimentazioni di innovazione sociale."
        ),
        "text": (
            "<p>Per programmare politiche efficaci occorre conoscere l'economia "
            "sociale del territorio: quante organizzazioni operano, in quali settori, "
            "con quanti addetti e con quali risultati. Oggi i dati disponibili sono "
            "frammentati tra fonti diverse e non sempre confrontabili.</p>"
            "<p>La Raccomandazione europea chiede di migliorare la raccolta di dati e "
            "statistiche sull'economia sociale e di investire nelle competenze delle "
            "persone che vi lavorano. Queste due dimensioni sono collegate: dati "
            "migliori aiutano a individuare i fabbisogni formativi e a valutare le "
            "politiche.</p>"
            "<h3>Competenze</h3>"
            "<p>Le organizzazioni dell'economia sociale segnalano il bisogno di "
            "rafforzare le competenze gestionali, digitali e di rendicontazione. Il "
            "ricambio generazionale nei ruoli di responsabilità è un ulteriore tema "
            "emerso nella fase di ascolto.</p>"
            "<h3>Innovazione sociale</h3>"
            "<p>L'area torinese ha una lunga tradizione di innovazione sociale, con "
            "esperienze che nascono dalla collaborazione tra organizzazioni, "
            "università, imprese e amministrazioni. Il Piano propone di sostenere "
            "questa capacità attraverso laboratori territoriali che affrontino bisogni "
            "concreti delle comunità locali.</p>"
        ),
        "actions": [
            {
                "id": "osservatorio-economia-sociale",
                "code": "A.5.1",
                "title": "Osservatorio metropolitano sull'economia sociale",
                "description": (
                    "Raccolta e pubblicazione periodica di dati sull'economia sociale "
                    "dell'area metropolitana, a partire dalle fonti amministrative "
                    "disponibili."
                ),
                "text": (
                    "<p>L'osservatorio integra i dati del Registro delle imprese, del "
                    "Registro unico nazionale del Terzo settore e di altre fonti "
                    "disponibili, con indagini mirate dove necessario. I risultati "
                    "sono pubblicati in un rapporto periodico e in forma di dati "
                    "aperti.</p>"
                    "<p>La metodologia è definita con il supporto di istituti di "
                    "ricerca e tiene conto delle indicazioni europee e nazionali sulla "
                    "misurazione statistica dell'economia sociale, per garantire la "
                    "confrontabilità dei dati nel tempo.</p>"
                ),
                "objectives": (
                    "- Disporre di una base conoscitiva aggiornata sull'economia "
                    "sociale metropolitana\n"
                    "- Pubblicare i dati in formato aperto e riutilizzabile\n"
                    "- Sostenere il monitoraggio e la valutazione del Piano"
                ),
                "lead_institutions": [
                    "camera-di-commercio-di-torino",
                    "citta-metropolitana-di-torino",
                ],
                "partners": [
                    {
                        "organization": "Università di Torino",
                        "role": "supporto metodologico",
                    },
                    {"organization": "IRES Piemonte", "role": "analisi dei dati"},
                    {
                        "organization": "Regione Piemonte",
                        "role": "messa a disposizione dei dati",
                    },
                ],
                "indicators": [
                    {
                        "name": "Rapporti dell'osservatorio pubblicati",
                        "baseline": "0",
                        "target": "2",
                        "unit": "rapporti",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Dataset pubblicati in formato aperto",
                        "baseline": "0",
                        "target": "5",
                        "unit": "dataset",
                        "deadline": date(2027, 12, 31),
                    },
                ],
                "milestones": [
                    {
                        "title": "Definizione della metodologia",
                        "due_date": date(2026, 3, 31),
                        "done": False,
                    },
                    {
                        "title": "Primo rapporto dell'osservatorio",
                        "due_date": date(2026, 12, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 100.000 (stima)",
                "funding_sources": (
                    "Risorse degli enti promotori.\n"
                    "Eventuale cofinanziamento di istituti di ricerca."
                ),
                "eu_recommendation_areas": ["data_statistics"],
                "status": "planned",
            },
            {
                "id": "competenze-organizzazioni-economia-sociale",
                "code": "A.5.2",
                "title": (
                    "Programma di competenze per le organizzazioni dell'economia "
                    "sociale"
                ),
                "description": (
                    "Formazione su gestione, digitale e rendicontazione per dirigenti, "
                    "operatori e volontari delle organizzazioni dell'economia sociale."
                ),
                "text": (
                    "<p>Il programma offre moduli formativi brevi su gestione "
                    "economica, strumenti digitali, rendicontazione sociale e ricambio "
                    "generazionale. I moduli sono progettati a partire dai fabbisogni "
                    "rilevati nella fase di ascolto e dall'osservatorio.</p>"
                    "<p>La formazione è organizzata anche in sedi decentrate e in "
                    "modalità a distanza, per raggiungere le organizzazioni delle aree "
                    "più lontane dal capoluogo.</p>"
                    "<p>Il programma è coordinato con l'offerta formativa già "
                    "esistente, in modo da evitare duplicazioni.</p>"
                ),
                "objectives": (
                    "- Rafforzare le competenze gestionali e digitali delle "
                    "organizzazioni\n"
                    "- Sostenere il ricambio generazionale nei ruoli di "
                    "responsabilità\n"
                    "- Raggiungere le organizzazioni di tutto il territorio "
                    "metropolitano"
                ),
                "lead_institutions": ["camera-di-commercio-di-torino"],
                "partners": [
                    {"organization": "Politecnico di Torino", "role": "formazione"},
                    {"organization": "Università di Torino", "role": "formazione"},
                    {
                        "organization": "Forum del Terzo Settore Piemonte",
                        "role": "rilevazione dei fabbisogni",
                    },
                ],
                "indicators": [
                    {
                        "name": "Partecipanti alla formazione",
                        "baseline": "0",
                        "target": "500 (stima)",
                        "unit": "persone",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Partecipanti da comuni esterni al capoluogo",
                        "baseline": "da definire",
                        "target": "30 (stima)",
                        "unit": "%",
                        "deadline": date(2027, 12, 31),
                    },
                ],
                "milestones": [
                    {
                        "title": "Pubblicazione del catalogo dei moduli",
                        "due_date": date(2026, 2, 28),
                        "done": False,
                    },
                    {
                        "title": "Conclusione del primo anno di formazione",
                        "due_date": date(2026, 12, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 180.000 (stima)",
                "funding_sources": (
                    "Risorse della Camera di commercio di Torino.\n"
                    "Fondo sociale europeo Plus (programma regionale)."
                ),
                "eu_recommendation_areas": ["skills_training"],
                "status": "proposed",
            },
            {
                "id": "laboratori-innovazione-sociale",
                "code": "A.5.3",
                "title": "Laboratori territoriali di innovazione sociale",
                "description": (
                    "Laboratori in cui organizzazioni, comuni, università e imprese "
                    "progettano insieme risposte a bisogni concreti delle comunità "
                    "locali."
                ),
                "text": (
                    "<p>Ogni laboratorio parte da un bisogno individuato con i comuni "
                    "e con le comunità di un ambito territoriale, ad esempio "
                    "l'abitare, l'invecchiamento della popolazione o la mobilità nelle "
                    "aree montane. I partecipanti lavorano per alcuni mesi alla "
                    "definizione e alla sperimentazione di una soluzione.</p>"
                    "<p>Le soluzioni sperimentate sono documentate e valutate, per "
                    "permetterne la diffusione in altri contesti del territorio "
                    "metropolitano.</p>"
                ),
                "objectives": (
                    "- Sperimentare risposte innovative a bisogni delle comunità "
                    "locali\n"
                    "- Favorire la collaborazione tra organizzazioni, enti pubblici, "
                    "università e imprese\n"
                    "- Documentare e diffondere le soluzioni che funzionano"
                ),
                "lead_institutions": ["citta-metropolitana-di-torino"],
                "partners": [
                    {
                        "organization": "Politecnico di Torino",
                        "role": "co-progettazione",
                    },
                    {
                        "organization": "Fondazione Compagnia di San Paolo",
                        "role": "finanziamento",
                    },
                    {"organization": "Comune di Torino", "role": "co-progettazione"},
                ],
                "indicators": [
                    {
                        "name": "Laboratori attivati",
                        "baseline": "0",
                        "target": "4",
                        "unit": "laboratori",
                        "deadline": date(2027, 12, 31),
                    },
                    {
                        "name": "Soluzioni sperimentate e documentate",
                        "baseline": "0",
                        "target": "4",
                        "unit": "soluzioni",
                        "deadline": date(2028, 6, 30),
                    },
                ],
                "milestones": [
                    {
                        "title": "Selezione dei primi ambiti territoriali",
                        "due_date": date(2026, 6, 30),
                        "done": False,
                    },
                    {
                        "title": "Avvio dei primi due laboratori",
                        "due_date": date(2026, 10, 31),
                        "done": False,
                    },
                    {
                        "title": "Documentazione dei risultati",
                        "due_date": date(2027, 12, 31),
                        "done": False,
                    },
                ],
                "budget": "€ 300.000 (stima)",
                "funding_sources": (
                    "Risorse della Città metropolitana di Torino.\n"
                    "Cofinanziamento di fondazioni del territorio.\n"
                    "Eventuali fondi europei per l'innovazione sociale."
                ),
                "eu_recommendation_areas": [
                    "social_innovation",
                    "regional_local_development",
                ],
                "status": "proposed",
            },
        ],
    },
]


# Contributions: what a newcomer finds on the open consultation. The people
# and organisations are invented (no real person; addresses on example.org,
# a domain reserved for examples); each text says it is demo content.
DEMO_MARK = f"[{DEMO_NOTICE}] "

# Comments (the threads in this order, then the replies). ``on``: the Plan's
# or a Chapter's id; ``passage``: an exact quote of that Chapter's text (a
# browser selection); ``paragraph_with``: words of the paragraph the comment
# is about as a whole; ``reply_to``: the ``key`` of a comment above (a reply
# is on its page and quotes nothing). The build stops unless each quote is
# found once, as written, in the text above.
COMMENTS = [
    {
        "key": "piano-esiti",
        "on": PLAN["id"],
        "first_name": "Chiara",
        "last_name": "Bonetto",
        "organization": "Cooperativa sociale Tessere Comuni",
        "organization_type": "social_enterprise",
        "author_email": "chiara.bonetto@example.org",
        "text": (
            DEMO_MARK + "Apprezziamo che la bozza sia aperta a tutti e non solo "
            "alle reti di rappresentanza. Chiediamo che al termine della "
            "consultazione gli enti promotori pubblichino una sintesi dei "
            "contributi ricevuti, indicando per ciascuno se è stato accolto e "
            "perché: è il modo migliore per motivare le organizzazioni a "
            "partecipare anche alle fasi successive."
        ),
    },
    {
        "key": "piano-incontri",
        "on": PLAN["id"],
        "first_name": "Davide",
        "last_name": "Marchisio",
        "organization": "",
        "organization_type": "citizen",
        "author_email": "davide.marchisio@example.org",
        "text": (
            DEMO_MARK + "Partecipo come cittadino e volontario. Sarebbe utile "
            "affiancare alla consultazione online alcuni incontri serali fuori dal "
            "capoluogo e una sintesi della bozza in linguaggio semplice: molte "
            "piccole associazioni non hanno il tempo di leggere un documento così "
            "lungo."
        ),
    },
    {
        "key": "lavoro-salute",
        "on": "lavoro-e-inclusione-sociale",
        "first_name": "Silvia",
        "last_name": "Gallo",
        "organization": "Associazione Mestieri in Rete",
        "organization_type": "third_sector",
        "author_email": "silvia.gallo@example.org",
        "text": (
            DEMO_MARK + "Il capitolo dovrebbe citare anche i servizi sanitari e "
            "in particolare quelli per la salute mentale e le dipendenze: molte "
            "persone che accompagniamo al lavoro sono seguite da questi servizi, "
            "e senza un coordinamento con loro i percorsi si interrompono."
        ),
    },
    {
        "key": "finanza-rendicontazione",
        "on": "finanziamenti-e-finanza-d-impatto",
        "first_name": "Marco",
        "last_name": "Trucco",
        "organization": "Fondazione Quarto Ponte",
        "organization_type": "foundation",
        "author_email": "marco.trucco@example.org",
        "text": (
            DEMO_MARK + "Come fondazione siamo disponibili a coprogettare gli "
            "strumenti di questo capitolo. Suggeriamo di concordare tra i "
            "finanziatori un modello unico di rendicontazione e di misurazione "
            "dell'impatto, proporzionato alla dimensione delle organizzazioni: "
            "oggi ogni bando chiede indicatori diversi."
        ),
    },
    {
        "key": "visione-utili",
        "on": "visione-e-quadro-di-riferimento",
        "passage": "reinvestono la maggior parte degli utili nelle proprie attività",
        "first_name": "Elena",
        "last_name": "Rinaudo",
        "organization": "Centro studi Economia Civile Subalpina",
        "organization_type": "university_research",
        "author_email": "elena.rinaudo@example.org",
        "text": (
            DEMO_MARK + "Proponiamo di richiamare qui le definizioni della "
            "normativa nazionale su imprese sociali ed enti del Terzo settore, "
            "che fissano limiti precisi alla distribuzione degli utili: «la "
            "maggior parte» è una formula troppo generica per un documento di "
            "programmazione."
        ),
    },
    {
        "key": "lavoro-prossimita",
        "on": "lavoro-e-inclusione-sociale",
        "passage": (
            "Nelle aree meno popolate le organizzazioni dell'economia sociale "
            "gestiscono spesso servizi di prossimità che altrimenti non sarebbero "
            "disponibili."
        ),
        "first_name": "Marta",
        "last_name": "Perotti",
        "organization": "Associazione Borgate Vive",
        "organization_type": "third_sector",
        "author_email": "marta.perotti@example.org",
        "text": (
            DEMO_MARK + "È esattamente la nostra situazione: in valle "
            "l'assistenza domiciliare e il negozio multiservizio sono gestiti da "
            "una cooperativa di sei persone. Servono convenzioni pluriennali con "
            "i comuni, non contributi annuali che ogni anno rimettono tutto in "
            "discussione."
        ),
    },
    {
        "key": "finanza-garanzie",
        "on": "finanziamenti-e-finanza-d-impatto",
        "passage": (
            "ad esempio sotto forma di garanzie o di prestiti a condizioni agevolate"
        ),
        "first_name": "Andrea",
        "last_name": "Ferraris",
        "organization": "Capitale Paziente s.r.l.",
        "organization_type": "company",
        "author_email": "andrea.ferraris@example.org",
        "text": (
            DEMO_MARK + "Oltre a garanzie e prestiti, lo strumento dovrebbe "
            "prevedere forme di capitale paziente, come la sottoscrizione di "
            "quote o di titoli di debito delle cooperative: alle organizzazioni "
            "che vogliono crescere manca soprattutto patrimonio, non solo "
            "liquidità."
        ),
    },
    {
        "key": "appalti-piccoli-comuni",
        "on": "appalti-mercati-e-partenariati",
        "passage": "dispongono di risorse limitate per applicare questi strumenti",
        "first_name": "Irene",
        "last_name": "Morra",
        "organization": "Consorzio Filiere Solidali",
        "organization_type": "social_enterprise",
        "author_email": "irene.morra@example.org",
        "text": (
            DEMO_MARK + "Le linee guida da sole non bastano: ai piccoli comuni "
            "servono schemi di avviso e di convenzione pronti all'uso e un "
            "servizio a cui rivolgersi durante la procedura. Si potrebbe "
            "lavorare per unioni di comuni, che hanno già uffici associati."
        ),
    },
    {
        "key": "dati-fonti",
        "on": "competenze-innovazione-sociale-e-dati",
        "passage": (
            "Oggi i dati disponibili sono frammentati tra fonti diverse e non "
            "sempre confrontabili."
        ),
        "first_name": "Luca",
        "last_name": "Bianco",
        "organization": "Laboratorio Dati Sociali",
        "organization_type": "university_research",
        "author_email": "luca.bianco@example.org",
        "text": (
            DEMO_MARK + "Confermiamo: ogni fonte usa classificazioni diverse dei "
            "settori di attività. Proponiamo di concordare fin dall'inizio una "
            "classificazione comune e di pubblicare, insieme ai dati, una nota "
            "sulle fonti e sui loro limiti."
        ),
    },
    {
        "key": "dati-restituzione",
        "on": "competenze-innovazione-sociale-e-dati",
        "paragraph_with": "Per programmare politiche efficaci",
        "first_name": "Francesca",
        "last_name": "Rolando",
        "organization": "Cooperativa sociale Radici e Rami",
        "organization_type": "social_enterprise",
        "author_email": "francesca.rolando@example.org",
        "text": (
            DEMO_MARK + "Le piccole cooperative non hanno personale da dedicare "
            "a nuovi questionari. L'osservatorio dovrebbe riusare i dati che "
            "già dichiariamo, come bilanci e bilanci sociali, e restituirci i "
            "risultati in una forma utile anche a noi."
        ),
    },
    {
        "key": "risposta-incontri",
        "reply_to": "piano-incontri",
        "first_name": "Stefania",
        "last_name": "Chiesa",
        "organization": "Associazione Cortili Aperti",
        "organization_type": "third_sector",
        "author_email": "stefania.chiesa@example.org",
        "text": (
            DEMO_MARK + "D'accordo. Le biblioteche civiche e i centri d'incontro "
            "dei quartieri e dei comuni della cintura potrebbero ospitare gli "
            "incontri serali: la nostra associazione è disponibile a dare una "
            "mano nell'organizzazione."
        ),
    },
    {
        "key": "risposta-prossimita",
        "reply_to": "lavoro-prossimita",
        "first_name": "Giorgio",
        "last_name": "Bertolino",
        "organization": "Comune di Valdora",
        "organization_type": "public_body",
        "author_email": "giorgio.bertolino@example.org",
        "text": (
            DEMO_MARK + "Come piccolo comune montano condividiamo la proposta. "
            "Una convenzione pluriennale però richiede risorse certe anche per "
            "noi: il Piano dovrebbe indicare come i comuni potranno sostenerne i "
            "costi nel tempo."
        ),
    },
]

# Pledges, on published Actions named by their code.
PLEDGES = [
    {
        "first_name": "Tommaso",
        "last_name": "Sereno",
        "organization": "Cooperativa sociale Tessere Comuni",
        "organization_type": "social_enterprise",
        "email": "tommaso.sereno@example.org",
        "actions": ["A.2.1"],
        "contribution": (
            DEMO_MARK + "Ospiteremo tirocini di inclusione nei nostri laboratori "
            "di assemblaggio e nel servizio di pulizie, con un tutor dedicato a "
            "ogni persona, e parteciperemo alla definizione del modello di "
            "percorso con i servizi per il lavoro."
        ),
        "resources": [
            {
                "kind": "Tempo del personale",
                "description": "Due tutor per l'accompagnamento in azienda.",
                "value": "10 ore a settimana",
            },
            {
                "kind": "Posti di tirocinio",
                "description": (
                    "Tirocini di inclusione nei laboratori e nel servizio di pulizie."
                ),
                "value": "6 all'anno",
            },
        ],
    },
    {
        "first_name": "Luca",
        "last_name": "Bianco",
        "organization": "Laboratorio Dati Sociali",
        "organization_type": "university_research",
        "email": "luca.bianco@example.org",
        "actions": ["A.5.1"],
        "contribution": (
            DEMO_MARK + "Metteremo a disposizione dell'osservatorio la nostra "
            "esperienza nel collegamento di fonti amministrative diverse e "
            "collaboreremo alla definizione della metodologia e del primo "
            "rapporto."
        ),
        "resources": [
            {
                "kind": "Competenze",
                "description": "Due ricercatori esperti di statistiche sociali.",
                "value": "40 giornate",
            },
            {
                "kind": "Dati",
                "description": (
                    "Un archivio anonimizzato di un'indagine su organizzazioni "
                    "dell'economia sociale del Piemonte."
                ),
                "value": "circa 300 organizzazioni",
            },
        ],
    },
    {
        "first_name": "Marta",
        "last_name": "Perotti",
        "organization": "Associazione Borgate Vive",
        "organization_type": "third_sector",
        "email": "marta.perotti@example.org",
        "actions": ["A.2.3", "A.5.3"],
        "contribution": (
            DEMO_MARK + "Aiuteremo la ricognizione dei servizi di prossimità "
            "nella nostra valle e ospiteremo uno dei laboratori territoriali, "
            "mettendo a disposizione la sala della borgata e i nostri volontari."
        ),
        "resources": [
            {
                "kind": "Spazi",
                "description": "Sala polivalente della borgata, 40 posti.",
                "value": "gratuita, su prenotazione",
            },
            {
                "kind": "Volontariato",
                "description": "Volontari per la mappatura dei servizi esistenti.",
                "value": "8 persone",
            },
        ],
    },
]
