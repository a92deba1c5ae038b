"""Easy-read rules for interview questions. Pure: no Flask, no database.

Standard interview questions are short but hard: "Describe a time when you used your own
initiative." They ask several things at once ("... and how you resolved it"), use
abstract nouns ("initiative", "challenging", "experience"), open with "Describe" or
"Give an example", or ask about an imagined case ("What would you do if ..."). Others
ask the candidate to guess what other people think ("How would your friends describe
you?"), to pick the biggest of all ("What is your greatest achievement?"), or are so open
that it is hard to start ("Tell me about yourself."), ask what a perfect worker is like
("What makes a good support worker?") or which thing they like most ("What do you like
least about your job?"), open with "Can you give us an example of ..."; and they use
job-interview words with an everyday form ("handle", "colleague", "respond", "describe",
"understanding", "dignity", "see yourself"). These rules catch that. Each
returns (rule, message, start, end, suggestion) tuples for one sentence;
``easyread.check`` turns them into problems.
"""

from __future__ import annotations

import re

Found = tuple[str, str, int, int, str | None]

_WH = r"(?:how|what|why|when|where|who|which|whether)"
# "... and how you resolved it", "..., and what did you learn", "or why not"
_JOINED_ASK_RE = re.compile(rf"(?:,\s*|\s)(?:and|or)\s+(?:then\s+)?{_WH}\b", re.IGNORECASE)
_ASKING_START_RE = re.compile(
    r"^\s*(?:please\s+)?(?:tell|describe|give|explain|talk\s+(?:us|me)|share|outline|walk)\b",
    re.IGNORECASE,
)
_OPENER_RE = re.compile(
    r"^\s*(?:please\s+|briefly\s+)?(?:(?:can|could)\s+you\s+(?:please\s+)?describe|describe|outline|explain"
    r"|(?:give|provide|share)\s+(?:us\s+|me\s+)?(?:an?\s+)?(?:example|examples|instance)"
    # "Can you give us an example of when ...": the same ask. A short follow-up on its own
    # ("Can you give us an example?") is fine: the question before it says what about.
    r"|(?:can|could|would)\s+you\s+(?:please\s+)?(?:give|provide|share)\s+(?:us\s+|me\s+)?"
    r"(?:an?\s+|some\s+)?(?:example|examples|instance)(?=\s+(?:of|when|where|in|from|that)\b))\b",
    re.IGNORECASE,
)
_HYPOTHETICAL_RE = re.compile(
    r"^\s*(?:imagine|suppose|picture\s+this|let'?s\s+say|say\s+you\s+were|if\s+you\s+were|"
    r"hypothetically)\b|\bwhat\s+would\s+you\s+do\s+if\b|\bhow\s+would\s+you\s+\w+(?:\s+\w+)?"
    r"\s+if\b|\bif\s+you\s+were\s+(?:to|faced|asked|given|in\s+charge)\b",
    re.IGNORECASE,
)
# Abstract nouns and formal words standard questions lean on, with an everyday way to
# say the same thing. Whole words only; endings listed where they matter.
ABSTRACT: dict[str, str] = {
    "initiative": "doing something without being asked",
    "challenging": "hard",
    "challenge": "something hard",
    "challenges": "hard things",
    "experience": "what you have done",
    "experiences": "what you have done",
    "situation": "time",
    "situations": "times",
    "scenario": "time",
    "priorities": "the most important jobs",
    "priority": "the most important job",
    "competing": "at the same time",
    "competencies": "skills",
    "competences": "skills",
    "strengths": "what you are good at",
    "weaknesses": "what you find hard",
    "weakness": "something you find hard",
    "resolved": "sorted out",
    "resolve": "sort out",
    "achievement": "something you are proud of",
    "achievements": "things you are proud of",
    "motivates": "makes you want to work",
    "motivated": "made you want",
    "motivation": "what makes you want to",
    "accomplishment": "something you are proud of",
    "demonstrates": "shows",
    "demonstrated": "showed",
    "conflict": "an argument",
    "constructive": "helpful",
    "criticism": "being told what to do better",
    "deadline": "the time something must be done by",
    "deadlines": "the times things must be done by",
    "stakeholders": "people",
    "proactive": "ready to act",
    "handled": "dealt with",
    "approach": "way",
    "effectively": "well",
    "successfully": "well",
    "pressure": "a lot to do",
    # job-advert words for the job and the workplace (found in public support-worker
    # question lists: "Why do you want this support worker role?")
    "role": "job",
    "position": "job",
    "environment": "place",
    "setting": "place",
    "field": "kind of work",
    "differentiate": "make you different",
    "flexible": "able to change",
    "schedule": "times you work",
    "aware": "know",
    # "an opportunity to ask questions": plain-English guides say "a chance"
    "opportunity": "chance",
    "opportunities": "chances",
}
_ABSTRACT_RE = re.compile(
    r"(?<![\w'-])(" + "|".join(sorted(map(re.escape, ABSTRACT), key=len, reverse=True)) + r")"
    r"(?![\w'-])",
    re.IGNORECASE,
)
# Words that interview questions lean on (the usual wordings in public question lists and
# the shipped banks' standard questions), with an everyday way to say them. Only looked
# for in a question ("How would you handle ...?", "Tell us about ..."): easy-read leaflets
# may use some of them in plain statements ("Tell us about your concern").
QUESTION_WORDS: dict[str, str] = {
    "handle": "deal with",
    "handling": "dealing with",
    "respond": "do",
    "colleague": "someone you work with",
    "colleagues": "people you work with",
    "adapt": "change",
    "independence": "doing things for themselves",
    "distressed": "very upset",
    "witness": "see",
    "safeguarding": "keeping people safe",
    "concern": "worry",
    "concerns": "worries",
    "actions": "what you would do",
    "medication": "medicine",
    "prescribed": "given by a doctor",
    "background": "where they come from",
    "strength": "something you are good at",
    "goals": "what you want to do",
    "career": "work",
    "qualities": "what you are like",
    "hire": "give you the job",
    "ideal": "best",
    "passionate": "really care",
    "succeed": "do well",
    "success": "doing well",
    "successful": "doing well",
    "stress": "worry",
    "stressful": "hard",
    "contribute": "give",
    "expectations": "what you hope for",
    "teamwork": "working with others",
    "leadership": "leading people",
    "communication": "talking with people",
    "difficulty": "finds it hard",
    "organisation": "the place you work",
    "organization": "the place you work",
    "current": "now",
    "salary": "pay",
    "manage": "deal with",
    "improve": "make better",
    "improved": "made better",
    "managed": "dealt with",
    "qualifications": "what you have learned",
    "values": "what matters to you",
    # more words that public care and general question lists lean on ("your understanding
    # of person-centred care", "treating people with dignity", "your availability")
    "describe": "tell us about",
    "understanding": "what you know about",
    "knowledge": "what you know",
    "dignity": "treating people well",
    "confidentiality": "keeping things private",
    "promote": "help",
    "workload": "work",
    "duties": "jobs",
    "responsibilities": "jobs",
    "responsible": "in charge of",
    "responsibility": "job",
    "diversity": "how people are different",
    "equality": "treating people fairly",
    "availability": "when you can work",
    "vulnerable": "who need more help",
    "attributes": "what you are like",
    "overcome": "get past",
    "overcame": "got past",
    "professional": "at work",
    "aspects": "parts",
    "aspect": "part",
    "rewarding": "good",
    "empathy": "knowing how others feel",
    "resilience": "keeping going when things are hard",
    "boundaries": "limits",
    "procedures": "rules",
    "procedure": "rule",
    "policy": "rule",
    "policies": "rules",
    "legislation": "the law",
    "tackle": "deal with",
    # interview sayings: "Where do you see yourself in 5 years?", "Are you a team player?"
    "see yourself": "want to be",
    "team player": "good at working with others",
    "walk me through": "tell me about, step by step",
    "walk us through": "tell us about, step by step",
    "notice period": "how soon you can start",
    "keep up to date": "learn new things",
    "how would you rate": "how good are you at",
    "rate yourself": "say how good you are",
    "attracted": "made you want",
    "attracts": "makes you want",
}
_QUESTION_WORDS_RE = re.compile(
    r"(?<![\w'-])("
    + "|".join(
        sorted((re.escape(w).replace(r"\ ", r"\s+") for w in QUESTION_WORDS), key=len, reverse=True)
    )
    + r")(?![\w'-])",
    re.IGNORECASE,
)
# "How would your friends describe you?": the candidate must guess what others think.
_OTHERS_VIEW_RE = re.compile(
    r"\b(?:would|do|does)\s+(?:your|other|past|former|the)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:describe|say\s+about|think\s+of|see)\s+(?:you|your)\b",
    re.IGNORECASE,
)
# "What is your greatest achievement?": the candidate must first think of every time.
_SUPERLATIVE_RE = re.compile(
    r"\b(?:greatest|biggest|proudest|worst|hardest|toughest|most\s+(?:difficult|challenging|"
    r"important|significant|proud|stressful|rewarding|successful))\b"
    r"|\b(?:enjoy|like|dislike|love|hate|liked|enjoyed|disliked)\s+(?:the\s+)?(?:most|least)\b",
    re.IGNORECASE,
)
# "Tell me about yourself.", "Talk me through your CV.": too open to know where to start.
_OPEN_RE = re.compile(
    r"^\s*(?:please\s+)?(?:(?:can|could)\s+you\s+)?(?:tell|talk)\s+(?:us|me)\s+"
    r"(?:a\s+(?:little|bit)\s+|a\s+little\s+bit\s+)?(?:about|through)\s+"
    r"(?:yourself|your\s+(?:cv|career|background|experience|life))\b",
    re.IGNORECASE,
)


# A question inside a question: "Where do you see yourself in five years, and why?"
_TAG_WHY_RE = re.compile(r",\s*(?:and|or)\s+why(?:\s+not)?\s*\?\s*$", re.IGNORECASE)


# "What makes a good support worker?": a question about an idea of the perfect worker.
_IDEAL_RE = re.compile(
    r"\bmakes?\s+(?:someone\s+|somebody\s+|a\s+person\s+)?(?:an?\s+)?(?:good|great|excellent|"
    r"successful|effective|ideal)\s+[\w-]+",
    re.IGNORECASE,
)
# "What makes you different from other candidates?": the candidate has not met them.
_COMPARE_RE = re.compile(
    r"\b(?:(?:different|better)\s+(?:from|than)|over|rather\s+than|instead\s+of|apart\s+from"
    r"|stand\s+out\s+from)\s+(?:the\s+|all\s+the\s+)?(?:other|another)\s+"
    r"(?:candidates?|applicants?|people\s+(?:applying|who))\b|\bsets?\s+you\s+apart\b",
    re.IGNORECASE,
)
# "What does being a support worker mean to you?": a question about an idea's meaning.
_MEAN_TO_YOU_RE = re.compile(r"\bmeans?\s+to\s+you\b", re.IGNORECASE)


def is_asking(sentence: str) -> bool:
    """A question, or an interview ask like "Tell us about ..." or "Describe ..."."""
    return _is_asking(sentence)


def _is_asking(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(_ASKING_START_RE.match(sentence))


def several_questions(sentence: str, offset: int) -> list[Found]:
    """'Tell us about a time ... and how you resolved it.': 2 questions in 1 sentence."""
    if not _is_asking(sentence):
        return []
    m = _JOINED_ASK_RE.search(sentence) or _TAG_WHY_RE.search(sentence)
    if not m:
        return []
    start = m.start() + len(m.group()) - len(m.group().lstrip(", "))
    return [
        (
            "several-questions",
            "This asks 2 things at once. Ask 1 question at a time.",
            offset + start,
            offset + len(sentence.rstrip()),
            "Make the second part its own question.",
        )
    ]


def opener(sentence: str, offset: int) -> list[Found]:
    """'Describe a time ...', 'Give an example of ...': say it as a plain question."""
    m = _OPENER_RE.match(sentence)
    if not m:
        return []
    lead = len(m.group()) - len(m.group().lstrip())
    return [
        (
            "question-opener",
            f"'{m.group().strip()}' is a hard way to start. Ask it plainly.",
            offset + m.start() + lead,
            offset + m.end(),
            "Start with 'Tell us about a time you ...' or a question like 'What did you do?'",
        )
    ]


def hypothetical(sentence: str, offset: int) -> list[Found]:
    """'What would you do if ...', 'Imagine ...': a made-up case is hard to picture."""
    m = _HYPOTHETICAL_RE.search(sentence)
    if not m:
        return []
    return [
        (
            "hypothetical",
            "This asks about something made up. Describe the case first, in short sentences.",
            offset + m.start() + len(m.group()) - len(m.group().lstrip()),
            offset + m.end(),
            "Say what happens, then ask: 'A person is upset. What do you do?'",
        )
    ]


def abstract_nouns(sentence: str, offset: int) -> list[Found]:
    """'initiative', 'challenging', 'experience': words about ideas, not things people do."""
    out: list[Found] = []
    for m in _ABSTRACT_RE.finditer(sentence):
        plain = ABSTRACT[m.group(1).lower()]
        out.append(
            (
                "abstract-word",
                f"'{m.group(1)}' is a word about an idea. Say what people do.",
                offset + m.start(1),
                offset + m.end(1),
                f"Try '{plain}'.",
            )
        )
    return out


def compare_with_others(sentence: str, offset: int) -> list[Found]:
    """'What makes you different from other candidates?': nobody knows the others."""
    m = _COMPARE_RE.search(sentence) if _is_asking(sentence) else None
    if not m:
        return []
    return [
        (
            "compare-others",
            "This asks the candidate to compare themselves with people they have not met.",
            offset + m.start(),
            offset + m.end(),
            "Ask 'What are you good at?'",
        )
    ]


def meaning_to_you(sentence: str, offset: int) -> list[Found]:
    """'What do the NHS values mean to you?': the meaning of an idea is hard to put in words."""
    m = _MEAN_TO_YOU_RE.search(sentence) if _is_asking(sentence) else None
    if not m:
        return []
    return [
        (
            "meaning-question",
            "This asks what an idea means to the candidate. That is hard to answer.",
            offset + m.start(),
            offset + m.end(),
            "Ask about something they did or like: 'What do you like about this work?'",
        )
    ]


def ideal_worker(sentence: str, offset: int) -> list[Found]:
    """'What makes a good support worker?': an idea of the perfect worker, not what you do."""
    m = _IDEAL_RE.search(sentence) if _is_asking(sentence) else None
    if not m:
        return []
    return [
        (
            "ideal-question",
            "This asks what a perfect worker is like. That is an idea, and hard to answer.",
            offset + m.start(),
            offset + m.end(),
            "Ask about the candidate: 'What do you do to help people?'",
        )
    ]


def question_words(sentence: str, offset: int) -> list[Found]:
    """'How would you handle ...?': words questions lean on that have an everyday form."""
    if not _is_asking(sentence):
        return []
    out: list[Found] = []
    for m in _QUESTION_WORDS_RE.finditer(sentence):
        plain = QUESTION_WORDS[" ".join(m.group(1).lower().split())]
        out.append(
            (
                "question-word",
                f"'{m.group(1)}' is a job-interview word. Say it in everyday words.",
                offset + m.start(1),
                offset + m.end(1),
                f"Try '{plain}'.",
            )
        )
    return out


def others_view(sentence: str, offset: int) -> list[Found]:
    """'How would your friends describe you?': nobody knows for sure what others think."""
    m = _OTHERS_VIEW_RE.search(sentence) if _is_asking(sentence) else None
    if not m:
        return []
    return [
        (
            "others-view",
            "This asks what other people think of the candidate. That is hard to know.",
            offset + m.start(),
            offset + m.end(),
            "Ask 'What are you good at?'",
        )
    ]


def superlative(sentence: str, offset: int) -> list[Found]:
    """'What is your greatest achievement?': picking the biggest means thinking of them all."""
    m = _SUPERLATIVE_RE.search(sentence) if _is_asking(sentence) else None
    if not m:
        return []
    return [
        (
            "biggest-ever",
            f"'{m.group()}' asks the candidate to think of every time first, then pick 1.",
            offset + m.start(),
            offset + m.end(),
            "Ask about 1 time: 'Tell us about a time you did something well.'",
        )
    ]


def too_open(sentence: str, offset: int) -> list[Found]:
    """'Tell me about yourself.': so open that the candidate does not know where to start."""
    m = _OPEN_RE.match(sentence)
    if not m:
        return []
    lead = len(m.group()) - len(m.group().lstrip())
    return [
        (
            "open-question",
            "This question is very open. It is hard to know where to start.",
            offset + m.start() + lead,
            offset + m.end(),
            "Ask about 1 thing: 'What do you like doing?'",
        )
    ]


def question_rules(sentence: str, offset: int) -> list[Found]:
    """Every interview-question rule on one sentence (its text, and where it starts)."""
    return (
        several_questions(sentence, offset)
        + opener(sentence, offset)
        + hypothetical(sentence, offset)
        + compare_with_others(sentence, offset)
        + meaning_to_you(sentence, offset)
        + ideal_worker(sentence, offset)
        + others_view(sentence, offset)
        + superlative(sentence, offset)
        + too_open(sentence, offset)
        + abstract_nouns(sentence, offset)
        + question_words(sentence, offset)
    )
