"""Research terms of other languages read in English (crosslingual.translate_terms): no model, no index."""
from __future__ import annotations

import re

from assistant.crosslingual import TERMS, translate_terms
from assistant.lexical import fold_accents
from assistant.query import content_words


def _words(question: str) -> list[str]:
    return content_words(translate_terms(question))


def test_unspaced_scripts_are_read_term_by_term():
    assert _words("关于大语言模型服务系统中请求调度和批处理的工作有哪些？") == [
        "large", "language", "model", "serving", "request", "scheduling", "batching"]
    assert _words("시퀀스 병렬화나 컨텍스트 병렬화에 관한 연구는 무엇이 있나요?") == [
        "sequence", "parallelism", "context", "parallelism"]
    assert "speculative" in _words("投機的デコーディングを高速化する論文はどれですか？")


def test_the_longest_term_wins():
    # secret sharing holds the characters of "distributed" (分散), reinforcement learning the word "learning"
    assert _words("秘密分散を使う論文") == ["secret", "sharing"]
    assert _words("¿Qué artículos usan aprendizaje por refuerzo?")[-2:] == ["reinforcement", "learning"]
    assert "machine" in _words("modelos de aprendizaje automático") and "automatic" not in _words(
        "modelos de aprendizaje automático")


def test_latin_words_match_whole_with_accents_and_plurals_folded():
    words = _words("Quels articles proposent des techniques de quantification pour les LLM (poids, activations) ?")
    assert "quantization" in words and "weights" in words and "quantification" not in words
    assert "training" in _words("Welche Arbeiten beschleunigen das Training mit Pipeline-Parallelität?")
    assert "computation" in _words("Quali articoli sovrappongono la comunicazione con il calcolo?")
    assert "memory" in _words("Mémoires partagées")  # accents and a plural, in capitals
    assert "pesos" not in _words("pesos") and "espesos" in _words("espesos")  # whole words only
    for said in ("memoria a largo plazo", "mémoire à long terme", "memoria a lungo termine", "长期记忆"):
        assert _words(said) == ["memory", "long-term"] or _words(said) == ["long-term", "memory"], said


def test_a_phrase_is_read_in_the_singular_and_the_plural_of_every_word():
    # the table writes "prévisions météorologiques": its singular had been read as "precision" and a word no paper
    # writes, and a French question on weather forecasts was answered with three GNN papers instead of refused
    assert _words("la prévision météorologique") == ["weather", "forecast"]
    assert _words("previsiones meteorologicas") == ["weather", "forecast"]


def test_a_german_adjective_is_read_in_its_every_case_ending():
    # the table writes "föderiertes Lernen" and "föderierten Lernen": "Paper zu föderiertem Lernen" (dative) had
    # been read as two words no paper writes and refused
    for phrase in ("zu föderiertem Lernen", "föderierter Lernen", "föderierte Lernen", "mit maschinellem Lernen"):
        assert _words(phrase)[-2:] in (["federated", "learning"], ["machine", "learning"]), phrase


def test_a_german_question_of_changed_lines_of_code_is_read():
    # "Wie viele Codezeilen mussten in vLLM geändert werden, um Span Queries zu unterstützen?" had been six words no
    # paper writes beside "vLLM" and "span queries", and refused (blind s79a)
    words = _words("Wie viele Codezeilen mussten in vLLM geändert werden, um Span Queries zu unterstützen?")
    assert {"lines", "code", "changed", "support"} <= set(words) and not {"viele", "mussten"} & set(words)


def test_a_gpu_going_down_and_recovering_are_read_as_verbs_too():
    # "cuando se cae una GPU ... recuperarse rápido ... sirviendo un LLM" had been read as none of failure, recovery
    # and serving: eight papers on neither were listed (blind s79c-01); "wenn eine GPU ausfällt" likewise (s78b-01)
    words = _words("¿Qué papers tratan de recuperarse rápido cuando se cae una GPU mientras se está sirviendo un LLM?")
    assert {"recovery", "failure", "serving"} <= set(words)
    assert "failure" in _words("dass LLM-Inferenz weiterläuft, wenn eine GPU ausfällt")


def test_verbs_of_training_and_words_of_degree_inside_a_term_are_read():
    # "entraîner des LLM sur des contextes très longs" had been read as "entrain" and two unknown words
    assert _words("Quels articles proposent d'entraîner des LLM sur des contextes très longs ?")[-4:] == [
        "training", "llm", "long", "context"]
    assert "training" in _words("¿Qué artículos entrenan modelos?") and "training" in _words("Welche Arbeiten "
                                                                                           "trainieren LLMs?")
    assert translate_terms("con tres GPUs") == "con tres GPUs"  # Spanish "three" is no "très"
    # verbs that start like "optimizer" are optimizing, not optimizers: "para optimizar automáticamente prompts"
    for question in ("¿Qué trabajos proponen métodos para optimizar prompts?", "Quels travaux pour optimiser des "
                     "prompts ?", "Welche Arbeiten optimieren Prompts?"):
        assert "optimization" in _words(question) and "optimizer" not in _words(question), question


def test_every_term_has_forms_and_no_form_reads_as_two_terms():
    seen: dict[str, str] = {}
    for english, forms in TERMS.items():
        assert forms and english == english.lower() and not re.search(r"[^a-z0-9 -]", english)
        for form in forms:
            key = fold_accents(form).lower()
            assert seen.setdefault(key, english) == english, (form, seen[key], english)


def test_the_alternatives_offered_are_read_from_or():
    from assistant.query import question_alternatives

    spanish = "¿Qué artículos ejecutan modelos en dispositivos edge, móviles o embebidos?"
    assert question_alternatives(translate_terms(spanish)) == {"edge", "mobile", "embedded"}
    assert question_alternatives(translate_terms("Welche Arbeiten nutzen TPUs oder GPUs?")) == {"tpu", "gpu"}
    assert question_alternatives(translate_terms("哪些论文研究量化或剪枝？")) == {"quantization", "pruning"}
    # German "bzw." (respectively) offers alternatives as "oder" does (FSDP papers had been left for ZeRO's one)
    assert question_alternatives(translate_terms("Welche Arbeiten nutzen TPUs bzw. GPUs?")) == {"tpu", "gpu"}
    # Portuguese writes "o" for "the": no comma list before it, no alternatives
    assert question_alternatives(translate_terms("Quais artigos reduzem o uso de memória?")) == set()


def test_organisations_in_other_scripts_are_named_as_the_records_name_them():
    from assistant.crosslingual import translate_names

    assert translate_names("谷歌的论文有哪些？").split()[0] == "Google"
    assert "Tsinghua" in translate_names("清华大学的论文") and "大学" not in translate_names("清华大学的论文")
    assert translate_names("메타러닝 논문") == "메타러닝 논문"  # "meta-" is no organisation


def test_descriptive_words_and_topics_the_papers_lack_are_read_too():
    # a Japanese question on desktop apps read only "ai"; Spanish overhead, Korean load imbalance and a weather
    # forecast were lost, so the question was searched with almost nothing, or an off-topic one answered
    assert {"desktop", "application"} <= set(_words("デスクトップアプリを操作するAIが人間よりどれだけ遅いか"))
    assert "overhead" in _words("¿Qué sistema tiene una sobrecarga de ejecución menor al 4%?")
    assert {"load", "imbalance"} <= set(_words("MoEの負荷の偏りを解消する論文は？"))
    assert {"weather", "forecast"} <= set(_words("Quels articles font des prévisions météo ?"))
    # starting an engine up: "Hochfahren", "Startzeit" had been lost (OptiKIT answered the vLLM cold-start study)
    assert _words("warum das Hochfahren der Engine so lange dauert und die Startzeit vorhersagt").count("startup") == 2
    assert "startup" in _words("¿Por qué el tiempo de arranque de vLLM es tan largo?")


def test_accents_are_folded_on_latin_letters_only():
    # "が" had become "か" and Korean syllables their letters: a word of those scripts reached search altered
    assert fold_accents("décodage Universität") == "decodage Universitat"
    assert fold_accents("人間が遅いか") == "人間が遅いか" and fold_accents("양자화 논문") == "양자화 논문"


def test_words_that_mean_other_things_in_their_language_are_not_read_as_terms():
    # "de consumo" had been "consumer", 復元 (restoring a prompt) "recovery", 密集型 (memory-intensive) "dense",
    # procesador "cpu", Ausgabe (an edition) "output", 互联网 (the internet) "interconnect", "grands modèles de
    # langage" "large model"
    assert "consumer" not in _words("¿Qué artículos logran una reducción de consumo energético en la inferencia?")
    assert "recovery" not in _words("プロンプトの復元攻撃に関する論文は?")
    assert "dense" not in _words("内存密集型的解码阶段") and "cpu" not in _words("procesador gráfico")
    assert "output" not in _words("Ausgabe 2026 von MLSys über Quantisierung")
    assert "interconnect" not in _words("互联网") and "weather" not in _words("previsão do tempo de execução")
    assert _words("grands modèles de langage") == ["large", "language", "model"]
