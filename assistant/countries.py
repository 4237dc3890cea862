"""Where an institution is: "papers from Korean universities", "anything from Australian institutions", "German
universities or research institutes". The records name institutions, never their countries; this is a small
gazetteer of the collection's institutions (and the best-known others), read from their names, and the ways a
question names a country or a region. An institution it does not place is in no country: the answer says the
countries are read from the institutions' names.
"""
from __future__ import annotations

import re

# country -> the institutions in it, as regular expressions over a record's name (matched case-insensitively)
_PLACED: dict[str, tuple[str, ...]] = {
    "the US": (
        r"\bAMD\b", r"Advanced Micro Devices", r"All Hands AI", r"\bAmazon\b", r"\bAWS\b", r"Anyscale", r"\bApple\b",
        r"Argonne", r"Baseten", r"Booz Allen", r"Carnegie Mellon", r"\bCMU\b", r"Cerebras", r"\bCisco\b",
        r"Colfax", r"Columbia University", r"Cornell", r"Duke University", r"EleutherAI", r"Emory", r"\bMeta\b",
        r"Facebook", r"^FAIR\b", r"Georgia Inst", r"Georgia Tech", r"^Google(?! India)(?! DeepMind)", r"Harvard",
        r"Hewlett Packard", r"\bIntel\b", r"International Business Machines", r"\bIBM\b", r"Iowa State",
        r"Keysight", r"\bLLNL\b", r"Lawrence Livermore", r"Lawrence Berkeley", r"LinkedIn",
        r"Massachusetts Institute of Technology", r"\bMIT\b", r"MLCommons", r"^MSR$", r"^Microsoft(?! Research "
        r"(?:Asia|India))", r"NVIDIA", r"North Carolina State", r"Northeastern University", r"Northwestern",
        r"OctoML", r"OpenAI", r"Perplexity", r"Petuum", r"Princeton", r"Purdue", r"Reflection AI",
        r"Rice University", r"SambaNova", r"Santa Clara", r"Snorkel", r"Stanford", r"State University of New York",
        r"Ohio State", r"University of Chicago", r"University of Texas", r"\bUT Austin\b", r"Thinking Machines",
        r"Together", r"\bUMD\b", r"University of Maryland", r"^UW$", r"\bUber\b", r"University of Arizona",
        r"University of California", r"\bUC (?:Berkeley|Davis|Irvine|San Diego|Santa Barbara)\b", r"\bUCLA\b",
        r"\bUCSD\b", r"University of Central Florida", r"University of Illinois", r"\bUIUC\b",
        r"University of Massachusetts", r"University of Michigan", r"University of Minnesota",
        r"University of North Carolina", r"University of Pittsburgh", r"University of Southern California",
        r"University of Virginia", r"University of Washington", r"University of Wisconsin", r"VMware",
        r"Virginia Polytechnic", r"Virginia Tech", r"\beBay\b", r"\bxAI\b", r"Hill Research"),
    "China": (
        r"Alibaba", r"Beihang", r"ByteDance", r"Central China Institute", r"Dalian University", r"Harbin Institute",
        r"Huawei", r"Chinese Academy of Sciences", r"^Institute of Software", r"JD\.com", r"Peking University",
        r"Pengcheng", r"\bQwen\b", r"Shanghai", r"Southeast University", r"Southern University of Science",
        r"StepFun", r"Tsinghua", r"University of Science and Technology of China", r"\bUSTC\b", r"Wuhan University",
        r"XPeng", r"Zhejiang", r"Microsoft Research Asia", r"HKUST\s*\(GZ\)", r"Guangzhou"),
    "Hong Kong": (r"Chinese University of Hong Kong", r"\bCUHK\b", r"Hong Kong University of Science",
                  r"\bHKUST\b(?!\s*\(GZ\))"),
    "Taiwan": (r"National Taiwan University",),
    "Singapore": (r"Nanyang Technological", r"^NTU\b", r"National University of Singapore", r"\bNUS\b"),
    "India": (r"Google India", r"Indian Institute", r"\bIIIT\b", r"\bIIT\b", r"Microsoft Research India"),
    "the UK": (r"Edinburgh", r"Imperial College", r"Samsung R&D Institute UK", r"University of Cambridge",
               r"University of Oxford", r"DeepMind"),
    "Germany": (r"Max Planck", r"Paderborn", r"Technical University of Munich", r"\bTUM\b", r"Siemens"),
    "Switzerland": (r"EPF Lausanne", r"\bEPFL\b", r"ETH Z[uü]rich"),
    "Austria": (r"Institute of Science and Technology Austria", r"\bISTA\b"),
    "Denmark": (r"Aarhus", r"Copenhagen"),
    "the Netherlands": (r"Leiden",),
    "France": (r"University of Lorraine", r"Universit[eé] de Lorraine", r"\bINRIA\b"),
    "Italy": (r"Universitas Mercatorum",),
    "Greece": (r"\bCERTH\b", r"Democritus|Dimocritus", r"National Technical University of Athens"),
    "Turkey": (r"Istanbul", r"Newmind"),
    "Uruguay": (r"Universidad de la Rep[uú]blica",),
    "Canada": (r"Concordia University", r"^Mila\b", r"University of Toronto", r"University of Waterloo",
               r"Universit[eé] de Montr[eé]al", r"McGill"),
    "Australia": (r"University of Melbourne", r"University of Sydney", r"Monash", r"Australian National"),
    "South Korea": (r"Korea Advanced Institute", r"\bKAIST\b", r"Seoul National", r"^Samsung$", r"Samsung Electronics"),
    "Japan": (r"SAKURA internet", r"University of Tokyo", r"\bRIKEN\b"),
    "the UAE": (r"Mohamed bin Zayed", r"\bMBZUAI\b"),
}
_COUNTRY_OF = [(country, re.compile("|".join(patterns), re.I)) for country, patterns in _PLACED.items()]

_EUROPE = ("the UK", "Germany", "Switzerland", "Austria", "Denmark", "the Netherlands", "France", "Italy", "Greece")
_ASIA = ("China", "Hong Kong", "Taiwan", "Singapore", "India", "South Korea", "Japan")
# how a question names a place: its adjective ("Korean universities"), its name ("papers from Korea"), the countries
# it covers ("Chinese" holds Hong Kong's)
_NAMED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"(?:south[- ])?korean", r"(?:south[- ])?korea|rok", ("South Korea",)),
    (r"chinese", r"china|prc", ("China", "Hong Kong")),
    (r"mainland[- ]chinese", r"mainland china", ("China",)),
    (r"hong[- ]kong(?:ese)?", r"hong[- ]kong", ("Hong Kong",)),
    (r"taiwan(?:ese)?", r"taiwan", ("Taiwan",)),
    (r"japanese", r"japan", ("Japan",)),
    (r"singapore(?:an)?", r"singapore", ("Singapore",)),
    (r"indian", r"india", ("India",)),
    (r"british|uk|u\.k\.|scottish", r"britain|the uk|uk|u\.k\.|united kingdom|scotland", ("the UK",)),
    (r"german", r"germany", ("Germany",)),
    (r"swiss", r"switzerland", ("Switzerland",)),
    (r"austrian", r"austria", ("Austria",)),
    (r"danish", r"denmark", ("Denmark",)),
    (r"dutch", r"netherlands|holland", ("the Netherlands",)),
    (r"french", r"france", ("France",)),
    (r"italian", r"italy", ("Italy",)),
    (r"greek", r"greece", ("Greece",)),
    (r"turkish", r"turkey|t[uü]rkiye", ("Turkey",)),
    (r"uruguayan", r"uruguay", ("Uruguay",)),
    (r"canadian", r"canada", ("Canada",)),
    (r"australian", r"australia", ("Australia",)),
    (r"emirati|uae", r"uae|united arab emirates", ("the UAE",)),
    (r"american|us|u\.s\.", r"america|the us|US|u\.s\.|usa|u\.s\.a\.|united states", ("the US",)),
    (r"european|eu", r"europe|the eu", _EUROPE),
    (r"asian", r"asia", _ASIA),
)
_ADJECTIVES = "|".join(f"(?P<a{i}>{adjective})" for i, (adjective, _, _) in enumerate(_NAMED))
_NOUNS = "|".join(f"(?P<n{i}>{noun})" for i, (_, noun, _) in enumerate(_NAMED))
# the kinds of institution a place qualifies: academic ones, companies, or any
_ACADEMIC_KINDS = r"universit(?:y|ies)|schools?|colleges?|academia|academic\s+(?:labs?|groups?|institutions?)|" \
                  r"research\s+institutes?"
_COMPANY_KINDS = r"compan(?:y|ies)|firms?|industry|industrial\s+labs?|startups?|corporations?|tech\s+giants?"
_ANY_KINDS = r"institutions?|organi[sz]ations?|labs?|groups?|teams?|authors?|co-?authors?|researchers?|people|" \
             r"scientists?|affiliations?|research(?:\s+(?:labs?|groups?|centers?|centres?|institutions?))?|" \
             r"institutes?|entities|orgs?"
_KIND = rf"(?P<kind>(?:{_ACADEMIC_KINDS})(?:\s+(?:or|and|&|/)\s+(?:research\s+)?(?:{_ACADEMIC_KINDS}|{_ANY_KINDS}))?|" \
        rf"{_COMPANY_KINDS}|{_ANY_KINDS})"
# "Korean universities", "German universities or research institutes", "from Australian institutions", "US
# companies"; "papers from China", "anything from Korea", "work done in Germany" (a place's name after "from"/"in")
# (not a name it opens: "Chinese University of Hong Kong", "from Korea Advanced Institute ...")
_ASKED = re.compile(rf"(?<![\w-])(?:{_ADJECTIVES})(?:[- ]based)?\s+{_KIND}(?![\w-])(?!\s+of\b)|"
                    rf"\b(?:from|in|based in|located in|out of)\s+(?:{_NOUNS})(?![\w-])(?!\s+(?-i:[A-Z]))"
                    # (nor the kind of institution it qualifies: "from US national labs" are the national labs)
                    rf"(?!\s+(?:national|federal|state|government|public)\b)", re.I)


def place_name(countries: list[str]) -> str:
    """How an answer names the countries asked: "South Korea", "China or Hong Kong", "Europe"."""
    return "Europe" if tuple(countries) == _EUROPE else "Asia" if tuple(countries) == _ASIA else " or ".join(countries)


def countries_of(name: str) -> list[str]:
    """The countries an institution's name places it in ([] when it does not say: "Ambassador University")."""
    return [country for country, pattern in _COUNTRY_OF if pattern.search(name)]


def asked_places(text: str) -> tuple[tuple[str, ...], str, tuple[int, int]] | None:
    """The countries a question asks papers from, the kind of institution ("academic", "company" or ""), and where
    it says so; None when it names no place of institutions."""
    for m in _ASKED.finditer(text):
        said = next(i for i in range(len(_NAMED)) if m.group(f"a{i}") or m.group(f"n{i}"))
        word = m.group(f"a{said}") or m.group(f"n{said}")
        # (a bare "us" is the asker: "papers from us", "people like us"; only "US" is the place)
        if word.lower() in ("us", "the us") and not word.endswith("US"):
            continue
        kind = (m.group("kind") or "").lower()
        side = "academic" if re.match(_ACADEMIC_KINDS, kind, re.I) else \
            "company" if re.match(rf"(?:{_COMPANY_KINDS})$", kind, re.I) else ""
        return _NAMED[said][2], side, m.span()
    return None


# ...and in the other languages the assistant reads: a place's words (its name or adjective, any ending), and the
# kinds of institution, near each other ("universités canadiennes", "deutschen Universitäten", "韩国的大学",
# "日本の企業", "한국 대학"), or the place after a word saying "from" ("de Canadá", "aus Kanada", "来自韩国")
_FOREIGN_NAMED: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"core[ae]\w*|cor[ée]en\w*|coreano\w*|korea\w*|koreanisch\w*|韩国|韓国|南韩|한국|대한민국", ("South Korea",)),
    (r"chin[ae]s\w*|chino\w*|chinês|chinois\w*|cines\w*|cina|china|chine|chinesisch\w*|中国|中國|중국",
     ("China", "Hong Kong")),
    (r"jap[oó]n\w*|japon\w*|japan\w*|giappon\w*|japonês|japonesa\w*|日本|일본", ("Japan",)),
    (r"aleman\w*|alemán|alemã\w*|alemão|allemagne|allemand\w*|deutschland|deutsch\w*|germania|tedesc\w*|德国|德國|"
     r"ドイツ|독일", ("Germany",)),
    (r"francia|franc[eé]s\w*|france|fran[cç]ais\w*|frankreich|franz[oö]sisch\w*|francesi|法国|法國|フランス|프랑스",
     ("France",)),
    (r"itali\w*|意大利|イタリア|이탈리아", ("Italy",)),
    (r"reino unido|royaume-uni|regno unito|großbritannien|brit[aá]nic\w*|britanni\w*|britisch\w*|英国|英國|イギリス|영국",
     ("the UK",)),
    (r"estados unidos|[ée]tats-unis|stati uniti|vereinigten staaten|eua|ee\.? ?uu\.?|estadounidense\w*|"
     r"am[eé]ricain\w*|americano\w*|americana\w*|amerikanisch\w*|statunitens\w*|norte-american\w*|美国|美國|アメリカ|"
     r"米国|미국", ("the US",)),
    (r"canad\w*|kanad\w*|加拿大|カナダ|캐나다", ("Canada",)),
    (r"australi\w*|澳大利亚|澳洲|オーストラリア|호주", ("Australia",)),
    (r"suiza|suizo\w*|suisse\w*|schweiz\w*|svizzer\w*|su[ií][cç]\w*|瑞士|スイス|스위스", ("Switzerland",)),
    (r"singap\w*|新加坡|シンガポール|싱가포르", ("Singapore",)),
    (r"indi[ae]|indien\w*|indiano\w*|indiana\w*|印度|インド|인도", ("India",)),
    (r"hong[- ]?kong\w*|香港|홍콩", ("Hong Kong",)),
    (r"griech\w*|grieg\w*|grec\w*|greci\w*|grèce|grécia|希腊|希臘|ギリシャ|그리스", ("Greece",)),
    (r"holand\w*|néerlandais\w*|niederländ\w*|niederlande|olandes\w*|paesi bassi|países bajos|pays-bas|荷兰|オランダ|"
     r"네덜란드", ("the Netherlands",)),
    (r"dinamar\w*|danois\w*|danoise\w*|dänisch\w*|dänemark|danes\w*|丹麦|デンマーク|덴마크", ("Denmark",)),
    (r"österreich\w*|autrich\w*|austriac\w*|austríac\w*|奥地利|オーストリア|오스트리아", ("Austria",)),
    (r"turqu\w*|türk\w*|turc\w*|turch\w*|土耳其|トルコ|튀르키예|터키", ("Turkey",)),
    (r"europ\w*|欧洲|歐洲|ヨーロッパ|欧州|유럽", _EUROPE),
    (r"latinoamerican\w*|latino-?american\w*|latino|am[ée]rica latina|lateinamerika\w*|uruguay\w*|uruguai\w*|乌拉圭|"
     r"ウルグアイ|우루과이", ("Uruguay",)),
)
_FOREIGN_ACADEMIC = r"universi\w*|hochschul\w*|faculdade\w*|facult\w*|大学|大學|高校|院校|대학\w*"
_FOREIGN_COMPANY = (r"empresa\w*|entreprise\w*|soci[eé]t[eéà]\w*|unternehm\w*|firm\w*|aziend\w*|compa[ñn]\w*|"
                    r"公司|企业|企業|会社|기업|회사")
_FOREIGN_ANY = (r"institu\w*|organi[sz]\w*|laborat\w*|labor\w*|centr\w*|zentr\w*|机构|機構|機関|研究所|기관|연구소|"
                r"autor\w*|auteur\w*|investigador\w*|chercheur\w*|forscher\w*|ricercat\w*|pesquisador\w*|作者|著者|研究者|"
                r"저자|연구자|연구진")
_FOREIGN_KIND = rf"(?P<kind>{_FOREIGN_ACADEMIC}|{_FOREIGN_COMPANY}|{_FOREIGN_ANY})"
_FOREIGN_PLACE = "|".join(f"(?P<f{i}>{pattern})" for i, (pattern, _) in enumerate(_FOREIGN_NAMED))
_LATIN = r"a-zA-Z\u00C0-\u024F"
# (whole words of Latin letters; a place in a script without spaces anywhere: "来自韩国")
_PLACE_WORD = re.compile(rf"(?<![{_LATIN}-])(?:{_FOREIGN_PLACE})(?![{_LATIN}-])", re.I)
_KIND_WORD = re.compile(rf"(?<![\w-]){_FOREIGN_KIND}", re.I)
# between the kind and the place: up to two words, a word saying "from" and an article ("universités canadiennes",
# "investigadores de universidades latinoamericanas", "laboratórios nacionais dos EUA")
_KIND_THEN_PLACE = re.compile(r"[\w-]*(?:\s+[\w'’-]+){0,2}?\s+(?:(?:de|del|des|du|da|do|dos|das|dal|dalla|aus|in|en|"
                              r"em|von|d['’])\s*(?:l[ae]s?\s+|los\s+|el\s+|o\s+|a\s+|os\s+|as\s+|l['’])?)?$",
                              re.I)
# ...or the kind after the place, past a particle ("韩国的大学", "日本の企業", "한국 대학", "deutschen Universitäten")
_PLACE_THEN_KIND = re.compile(rf"\s*(?:的|の|의|에\s*있는)?\s*(?:[\w'’-]+\s+)?{_FOREIGN_KIND}", re.I)
# ...or a word saying "from" before the place ("aus Kanada", "来自韩国", "en Chine")
_FROM_BEFORE_PLACE = re.compile(r"(?:来自|出自|(?<![\w-])(?:aus|von|in|de|du|da|do|dos|dal|desde|en|em|na|no|nel|nella)\s+"
                                r"(?:l[ae]s?\s+|los\s+|el\s+|o\s+|os\s+)?)$", re.I)
# (not the names of institutions that open with a place: 中国科学院, 韓国科学技術院, "Korea University")
_NAME_AFTER_PLACE = re.compile(r"科学|科學|国立|國立|交通|人民|과학기술")


def asked_places_foreign(text: str) -> tuple[tuple[str, ...], str, tuple[int, int]] | None:
    """``asked_places`` of a question in another language the assistant reads."""
    for m in _PLACE_WORD.finditer(text):
        said = next(i for i in range(len(_FOREIGN_NAMED)) if m.group(f"f{i}"))
        # (a capitalised place before a capitalised word opens a name: "Korea University", "China Mobile")
        if _NAME_AFTER_PLACE.match(text, m.end()) or m.group(0)[:1].isupper() and re.match(r"\s+[A-Z]", text[m.end():]):
            continue
        kind, span = "", None
        for k in _KIND_WORD.finditer(text, max(0, m.start() - 60), m.start()):  # (the nearest kind before it)
            if _KIND_THEN_PLACE.fullmatch(text, k.end(), m.start()):
                kind, span = k.group(0), (k.start(), m.end())
        after = _PLACE_THEN_KIND.match(text, m.end()) if span is None else None
        if after:
            kind, span = after.group("kind"), (m.start(), after.end())
        if span is None and _FROM_BEFORE_PLACE.search(text[:m.start()]):
            span = (m.start(), m.end())
        # (national labs are a kind of their own: "laboratórios nacionais dos EUA" are Argonne's and Livermore's)
        if span is None or re.search(r"naci[oó]na|national|nazional", text[span[0]:span[1]], re.I):
            continue
        side = "academic" if re.fullmatch(_FOREIGN_ACADEMIC, kind, re.I) else \
            "company" if re.fullmatch(_FOREIGN_COMPANY, kind, re.I) else ""
        return _FOREIGN_NAMED[said][1], side, span
    return None


_ENGLISH_PLACE = re.compile(rf"(?:{_ADJECTIVES}|{_NOUNS})", re.I)


def is_place_word(word: str) -> bool:
    """Whether ``word`` names a place ("canadian", "Kanada", "latino", "american"): of a question asking papers from
    a country, not a topic."""
    return bool(_PLACE_WORD.fullmatch(word) or _ENGLISH_PLACE.fullmatch(word))
