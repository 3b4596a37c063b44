"""A generated corpus of contributions for the campaign bench, in Italian
and English: campaigns (a template sent by many, as exact copies, with other
names, synonyms swapped, sentences reordered, a personal paragraph added)
and organic contributions on the same topics, which share their words.

Two methods, so that the thresholds are not fitted to one generator:
``sentences`` (method A) builds texts from sentence frames with slots, and
``chain`` (method B, the held-out half) from a word chain over the topic's
words, with other campaign sizes, typing slips and edits combined.
"""

from dataclasses import dataclass

import random


TOPICS = {
    "it": {
        "mobilita": "piste ciclabili autobus tram fermate traffico parcheggi "
        "marciapiedi pedoni biciclette corsie incroci semafori metropolitana "
        "linea orari abbonamento sicurezza velocita scuole quartiere periferia",
        "verde": "alberi parchi giardini aiuole ombra quartiere cortili "
        "fontane panchine manutenzione irrigazione potature prati orti "
        "biodiversita caldo estate cemento piazze bambini",
        "casa": "affitti alloggi case popolari sfratti famiglie giovani "
        "studenti canoni contributi edifici ristrutturazione quartiere "
        "periferia servizi anziani barriere ascensori sociale",
        "lavoro": "lavoro giovani formazione imprese negozi commercio "
        "artigiani tirocini occupazione donne sostegno servizi orari "
        "centri impiego competenze digitale quartiere",
    },
    "en": {
        "mobility": "bike lanes buses trams stops traffic parking pavements "
        "pedestrians bicycles junctions lights metro line timetable pass "
        "safety speed schools neighbourhood suburbs",
        "green": "trees parks gardens flowerbeds shade neighbourhood "
        "courtyards fountains benches maintenance watering pruning lawns "
        "allotments biodiversity heat summer concrete squares children",
        "housing": "rents homes social housing evictions families young "
        "students rent support buildings renovation neighbourhood suburbs "
        "services elderly barriers lifts",
        "work": "jobs young training businesses shops trade craftsmen "
        "internships employment women support services hours job centres "
        "skills digital neighbourhood",
    },
}

FRAMES = {
    "it": [
        "Chiedo che il piano preveda piu {a} e {b} nel mio {c}.",
        "Da anni i {a} del quartiere mancano di {b}, e la {c} ne soffre.",
        "Sarebbe utile investire in {a} vicino alle {b} e ai {c}.",
        "Propongo di rivedere {a} e {b} prima di pensare a {c}.",
        "Il problema principale sono i {a}: servono {b} e {c}.",
        "Vivo in {a} e vedo ogni giorno come {b} e {c} siano trascurati.",
        "Il Comune dovrebbe coinvolgere i cittadini su {a}, {b} e {c}.",
        "Non basta parlare di {a}: occorrono fondi per {b} e per {c}.",
    ],
    "en": [
        "I ask that the plan provide more {a} and {b} in my {c}.",
        "For years the {a} of the area have lacked {b}, and {c} suffer.",
        "It would help to invest in {a} near the {b} and the {c}.",
        "I propose reviewing {a} and {b} before thinking about {c}.",
        "The main problem is {a}: we need {b} and {c}.",
        "I live near the {a} and see every day how {b} and {c} are neglected.",
        "The council should involve residents on {a}, {b} and {c}.",
        "Talking about {a} is not enough: we need funds for {b} and {c}.",
    ],
}

SYNONYMS = {
    "chiedo": "domando",
    "preveda": "includa",
    "mancano": "sono privi",
    "utile": "opportuno",
    "investire": "spendere",
    "propongo": "suggerisco",
    "rivedere": "ripensare",
    "problema": "nodo",
    "principale": "maggiore",
    "servono": "occorrono",
    "vedo": "osservo",
    "trascurati": "abbandonati",
    "dovrebbe": "deve",
    "coinvolgere": "ascoltare",
    "basta": "serve a poco",
    "fondi": "risorse",
    "ask": "request",
    "provide": "include",
    "lacked": "missed",
    "help": "be useful",
    "invest": "spend",
    "propose": "suggest",
    "reviewing": "rethinking",
    "main": "biggest",
    "need": "require",
    "neglected": "abandoned",
    "involve": "consult",
    "funds": "money",
    "enough": "sufficient",
    "council": "city",
}

FIRST = [
    "Mario",
    "Giulia",
    "Luca",
    "Sara",
    "Paolo",
    "Anna",
    "Marco",
    "Elena",
    "John",
    "Mary",
    "Peter",
    "Susan",
]
LAST = [
    "Rossi",
    "Bianchi",
    "Ferrero",
    "Colombo",
    "Gallo",
    "Conti",
    "Smith",
    "Jones",
    "Brown",
    "Taylor",
]

PERSONAL = {
    "it": [
        "Lo dico da madre di due figli che ogni mattina attraversano {a}.",
        "Abito qui da vent'anni e ho visto peggiorare {a} e {b}.",
        "Aggiungo che nel mio palazzo il tema di {a} preoccupa tutti.",
    ],
    "en": [
        "I say this as a parent whose children cross {a} every morning.",
        "I have lived here for twenty years and seen {a} and {b} get worse.",
        "In my building everyone is worried about {a}.",
    ],
}


@dataclass
class Contribution:
    text: str
    campaign: int | None  # the true campaign, None for organic ones
    variant: str


class Generator:
    def __init__(self, seed, method):
        self.random = random.Random(seed)  # noqa: S311 -- a corpus, not a secret
        self.method = method

    def _topic(self):
        language = self.random.choice(("it", "en"))
        topic = self.random.choice(list(TOPICS[language]))
        return language, TOPICS[language][topic].split()

    def _sentence(self, language, vocabulary):
        r = self.random
        if self.method == "sentences":
            frame = r.choice(FRAMES[language])
            a, b, c = r.sample(vocabulary, 3)
            return frame.format(a=a, b=b, c=c)
        # Method B: a chain of the topic's words with function words and
        # frame words between them.
        glue = FRAMES[language][r.randrange(len(FRAMES[language]))].split()
        glue = [w for w in glue if "{" not in w]
        length = r.randint(8, 16)
        words = [
            r.choice(vocabulary) if r.random() < 0.55 else r.choice(glue)
            for _ in range(length)
        ]
        return " ".join(words).capitalize() + "."

    def _text(self, language, vocabulary, low, high):
        return [
            self._sentence(language, vocabulary)
            for _ in range(self.random.randint(low, high))
        ]

    def organic(self):
        language, vocabulary = self._topic()
        return Contribution(
            " ".join(self._text(language, vocabulary, 2, 6)), None, "organic"
        )

    def campaign(self, campaign_id, size):
        language, vocabulary = self._topic()
        template = self._text(language, vocabulary, 4, 8)
        greeting = "Mi chiamo {} {}." if language == "it" else "My name is {} {}."
        signature = "Distinti saluti, {} {}." if language == "it" else "Regards, {} {}."
        variants = (
            ["exact", "names", "synonyms", "reordered", "paragraph"]
            if self.method == "sentences"
            else [
                "names",
                "synonyms+names",
                "reordered+paragraph",
                "typos",
                "paragraph+synonyms",
            ]
        )
        members = []
        for _ in range(size):
            variant = self.random.choice(variants)
            sentences = list(template)
            if "names" in variant or (
                variant in ("exact",) and self.random.random() < 0.5
            ):
                name = (self.random.choice(FIRST), self.random.choice(LAST))
                sentences = [
                    greeting.format(*name),
                    *sentences,
                    signature.format(*name),
                ]
            if "synonyms" in variant:
                sentences = [self._swap(s) for s in sentences]
            if "reordered" in variant:
                self.random.shuffle(sentences)
            if "paragraph" in variant:
                frame = self.random.choice(PERSONAL[language])
                a, b = self.random.sample(vocabulary, 2)
                sentences.append("\n\n" + frame.format(a=a, b=b))
            text = " ".join(sentences)
            if "typos" in variant:
                text = self._typos(text)
            members.append(Contribution(text, campaign_id, variant))
        return members

    def _swap(self, sentence):
        words = sentence.split()
        for i, word in enumerate(words):
            key = word.lower().strip(".,:")
            if key in SYNONYMS and self.random.random() < 0.7:
                words[i] = SYNONYMS[key]
        return " ".join(words)

    def _typos(self, text):
        chars = list(text)
        for _ in range(max(1, len(chars) // 120)):
            i = self.random.randrange(len(chars))
            if chars[i].isalpha():
                chars[i] = self.random.choice("aeiourstln")
        return "".join(chars)


def corpus(size, seed, method, campaign_share=0.6):
    """``size`` contributions, shuffled, ``campaign_share`` of them in
    campaigns whose sizes follow a long tail (a few large, many small)."""
    generator = Generator(seed, method)
    items = []
    campaign_id = 0
    in_campaigns = int(size * campaign_share)
    while len(items) < in_campaigns:
        r = generator.random.random()
        if r < 0.02:
            count = generator.random.randint(size // 20, size // 8)
        elif r < 0.3:
            count = generator.random.randint(30, 300)
        else:
            count = generator.random.randint(2, 30)
        count = min(count, in_campaigns - len(items))
        campaign_id += 1
        items.extend(generator.campaign(campaign_id, max(count, 1)))
    while len(items) < size:
        items.append(generator.organic())
    generator.random.shuffle(items)
    return items


def pairwise(truth, predicted):
    """Pairwise precision and recall of ``predicted`` groups (a label per
    item, None alone) against ``truth`` (the same)."""
    from collections import Counter

    def pairs(counter):
        return sum(n * (n - 1) // 2 for n in counter.values())

    true_pairs = pairs(Counter(t for t in truth if t is not None))
    predicted_pairs = pairs(Counter(p for p in predicted if p is not None))
    both = pairs(
        Counter(
            (t, p)
            for t, p in zip(truth, predicted, strict=True)
            if t is not None and p is not None
        )
    )
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall
