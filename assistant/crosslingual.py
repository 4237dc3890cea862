"""A question in another language, read for its research terms: "请求调度和批处理" -> "request scheduling and
batching", "quantification des poids" -> "quantization des weights".

The multilingual model (``multilingual.py``) reads such a question as a whole, but BM25 and the topic coverage
see only the words the papers use: a Chinese, Japanese or Korean question gave them none, and Spanish or French
words are read as English only when they start like one ("automáticamente" -> "automatically", see
``PaperSearch.correct``), so "entrenamiento", "poids" or "addestramento" were lost. This is dictionary-based query
translation of machine-learning systems vocabulary: each English term with how Chinese, Japanese, Korean,
Spanish, French, Italian, Portuguese and German write it. It is applied only to questions detected as foreign
(``query.foreign_language``); English questions never pass through it. Terms are matched longest first, so
"aprendizaje por refuerzo" is "reinforcement learning", not "learning" plus a leftover word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexical import fold_accents

# English term -> how other languages write it. Latin-script entries are matched as whole words, accents folded,
# with an optional plural ending; the others (Chinese, Japanese, Korean) as substrings, since those scripts do
# not space their words.
TERMS: dict[str, tuple[str, ...]] = {
    # models and learning
    "large language model": ("大语言模型", "大型语言模型", "大模型", "大規模言語モデル", "대규모 언어 모델", "대형 언어 모델",
                             "대규모 언어모델", "거대 언어 모델"),
    "language model": ("语言模型", "言語モデル", "언어 모델", "언어모델", "modelo de lenguaje", "modelos de lenguaje",
                       "modele de langage", "modeles de langage", "modello linguistico", "modelli linguistici",
                       "modello di linguaggio", "modelli di linguaggio", "modelo de linguagem", "modelos de linguagem",
                       "sprachmodell", "sprachmodelle", "sprachmodellen"),
    "model": ("模型", "モデル", "모델", "modelo", "modele", "modello", "modelli", "modell", "modelle", "modellen"),
    "training": ("训练", "訓練", "学習", "훈련", "학습", "entrenamiento", "entrainement", "addestramento", "treinamento",
                 "treino"),
    "pretraining": ("预训练", "事前学習", "사전 학습", "사전학습", "preentrenamiento", "pre-entrenamiento",
                    "pre-entrainement", "preaddestramento", "pre-addestramento", "pre-treinamento", "pretreinamento",
                    "vortraining"),
    "fine-tuning": ("微调", "ファインチューニング", "미세 조정", "파인튜닝", "ajuste fino", "reglage fin", "affinage",
                    "messa a punto", "feinabstimmung"),
    "learning": ("学习", "aprendizaje", "apprentissage", "apprendimento", "aprendizagem", "aprendizado",
                 "lernen"),
    "machine learning": ("机器学习", "機械学習", "머신러닝", "머신 러닝", "기계 학습", "기계학습", "aprendizaje automatico",
                         "apprentissage automatique", "apprendimento automatico", "aprendizado de maquina",
                         "aprendizagem automatica", "aprendizado automatico", "maschinelles lernen",
                         "maschinellen lernens"),
    "deep learning": ("深度学习", "深層学習", "ディープラーニング", "딥러닝", "딥 러닝", "aprendizaje profundo",
                      "apprentissage profond", "apprendimento profondo", "aprendizado profundo",
                      "aprendizagem profunda", "tiefes lernen", "deep learning"),
    "reinforcement learning": ("强化学习", "強化学習", "강화 학습", "강화학습", "aprendizaje por refuerzo",
                               "apprentissage par renforcement", "apprendimento per rinforzo",
                               "aprendizado por reforco", "aprendizagem por reforco", "bestarkendes lernen"),
    "federated learning": ("联邦学习", "連合学習", "연합 학습", "연합학습", "aprendizaje federado",
                           "apprentissage federe", "apprendimento federato", "aprendizado federado",
                           "aprendizagem federada", "foderiertes lernen", "foderierten lernen"),
    "reasoning": ("推理模型", "推論モデル", "추론 모델", "razonamiento", "raisonnement", "ragionamento", "raciocinio",
                  "schlussfolgern"),
    "inference": ("推理", "推論", "추론", "inferencia", "inference", "inferenza", "inferenz"),
    "weights": ("权重", "重み", "가중치", "pesos", "poids", "pesi", "gewichte", "gewichten"),
    "activations": ("激活", "活性化", "활성화"),
    "gradient": ("梯度", "勾配", "기울기", "그래디언트"),
    "neural network": ("神经网络", "ニューラルネットワーク", "신경망", "red neuronal", "redes neuronales",
                       "reseau de neurones", "reseaux de neurones", "reseau neuronal", "rete neurale", "reti neurali",
                       "rede neural", "redes neurais", "neuronales netz", "neuronale netze", "neuronalen netzen"),
    "graph neural network": ("图神经网络", "グラフニューラルネットワーク", "그래프 신경망"),
    "graph": ("图结构", "グラフ", "그래프", "grafo", "grafos", "graphe", "graphes", "grafi"),
    "mixture of experts": ("混合专家", "专家混合", "混合エキスパート", "전문가 혼합", "mezcla de expertos",
                           "melange d'experts", "melange d experts", "miscela di esperti", "mistura de especialistas",
                           "mischung von experten"),
    "expert": ("专家", "エキスパート", "전문가", "experto", "expertos", "esperto", "esperti", "especialista",
               "especialistas", "experte", "experten"),
    "diffusion model": ("扩散模型", "拡散モデル", "확산 모델", "modelo de difusion", "modelos de difusion",
                        "modele de diffusion", "modeles de diffusion", "modello di diffusione", "modelli di diffusione",
                        "modelo de difusao", "modelos de difusao", "diffusionsmodell", "diffusionsmodelle"),
    "diffusion": ("扩散", "拡散", "확산", "difusion", "difusao"),
    "multimodal": ("多模态", "マルチモーダル", "멀티모달", "다중 모달", "multimodales", "multimodaux", "multimodali",
                   "multimodais"),
    "vision": ("视觉", "視覚", "비전", "vision", "visione", "visao"),
    "image": ("图像", "画像", "이미지", "imagen", "imagenes", "immagine", "immagini", "imagem", "imagens", "bild",
              "bilder"),
    "video": ("视频", "動画", "ビデオ", "비디오", "동영상"),
    "recommendation": ("推荐", "推薦", "레코멘데이션", "추천", "recomendacion", "recomendaciones", "recommandation",
                       "recommandations", "raccomandazione", "raccomandazioni", "recomendacao", "recomendacoes",
                       "empfehlung", "empfehlungen", "empfehlungssystem", "empfehlungssysteme"),
    "agent": ("智能体", "代理", "エージェント", "에이전트", "agente", "agentes", "agenti"),
    "multi-agent": ("多智能体", "マルチエージェント", "멀티 에이전트", "다중 에이전트", "multiagente", "multi-agente",
                    "multi-agents", "multi-agenti"),
    "robot": ("机器人", "ロボット", "로봇", "robot", "robots", "robo", "robos", "roboter"),
    "prompt": ("提示词", "提示", "プロンプト", "프롬프트"),
    "retrieval-augmented generation": ("检索增强生成", "検索拡張生成", "검색 증강 생성", "generacion aumentada por recuperacion",
                                       "generation augmentee par recuperation", "generazione aumentata dal recupero",
                                       "geracao aumentada por recuperacao"),
    "retrieval": ("检索", "検索", "검색", "recuperacion", "recuperation", "recupero", "recuperacao"),
    "search": ("搜索", "探索", "탐색", "busqueda", "recherche", "ricerca", "busca", "pesquisa", "suche"),
    "generation": ("生成", "생성", "generacion", "generazione", "geracao", "generierung"),
    "decoding": ("解码", "デコーディング", "デコード", "復号", "디코딩", "decodificacion", "decodage", "decodifica",
                 "decodificacao", "dekodierung", "dekodieren"),
    "speculative decoding": ("投机解码", "推测解码", "投機的デコーディング", "추측 디코딩", "추론적 디코딩",
                             "decodificacion especulativa", "decodage speculatif", "decodifica speculativa",
                             "decodificacao especulativa", "spekulative dekodierung"),
    "autoregressive": ("自回归", "自己回帰", "자기회귀", "autorregresivo", "autorregresivos", "autoregressif",
                       "autoregressivo", "autorregressivo", "autoregressiv"),
    "structured output": ("结构化输出", "構造化出力", "구조화된 출력", "salida estructurada", "sortie structuree",
                          "output strutturato", "saida estruturada", "strukturierte ausgabe"),
    "structured": ("结构化", "構造化", "구조화", "estructurado", "estructurada", "strutturato", "strutturata",
                   "estruturado", "estruturada", "strukturiert", "strukturierte", "strukturiertes"),
    "constrained": ("约束", "制約", "제약", "restringido", "restringida", "contraint", "contrainte", "vincolato",
                    "vincolata", "restrito", "restrita", "eingeschrankt", "eingeschranktes", "eingeschrankte"),
    # serving and inference systems
    "serving": ("服务系统", "推理服务", "サービング", "서빙", "servicio de modelos", "service de modeles"),
    "request": ("请求", "リクエスト", "요청", "solicitud", "solicitudes", "peticion", "peticiones", "requete",
                "requetes", "richiesta", "richieste", "requisicao", "requisicoes", "solicitacao", "solicitacoes",
                "anfrage", "anfragen"),
    "scheduling": ("调度", "スケジューリング", "스케줄링", "planificacion", "ordonnancement", "planification",
                   "schedulazione", "pianificazione", "escalonamento", "agendamento", "planung"),
    "batching": ("批处理", "批量", "バッチ処理", "バッチ", "배치 처리", "배치", "procesamiento por lotes", "lotes", "lote",
                 "traitement par lots", "par lots", "elaborazione in batch", "processamento em lote",
                 "stapelverarbeitung"),
    "deployment": ("部署", "デプロイ", "배포", "despliegue", "deploiement", "implementazione", "distribuzione",
                   "implantacao", "implementacao", "bereitstellung"),
    "latency": ("延迟", "时延", "遅延", "レイテンシ", "지연", "지연 시간", "latencia", "latence", "latenza", "latenz"),
    "throughput": ("吞吐量", "吞吐", "スループット", "처리량", "rendimiento", "debit", "vazao", "durchsatz"),
    "cold start": ("冷启动", "コールドスタート", "콜드 스타트", "콜드스타트", "arranque en frio", "inicio en frio",
                   "demarrage a froid", "avvio a freddo", "partenza a freddo", "inicializacao a frio",
                   "partida a frio", "kaltstart"),
    "serverless": ("无服务器", "サーバーレス", "서버리스", "sin servidor", "sans serveur", "senza server", "sem servidor"),
    "cache": ("缓存", "キャッシュ", "캐시", "cache", "antememoria"),
    "kv cache": ("键值缓存", "KV缓存", "KVキャッシュ", "KV 캐시"),
    "prefix": ("前缀", "プレフィックス", "接頭辞", "프리픽스", "접두사", "prefijo", "prefijos", "prefixe", "prefixes",
               "prefisso", "prefissi", "prefixo", "prefixos", "prafix", "prafixe"),
    "reuse": ("复用", "重用", "再利用", "재사용", "reutilizar", "reutilizacion", "reutilizan", "reutiliser",
              "reutilisation", "reutilisent", "riutilizzare", "riutilizzo", "riutilizzano", "reutilizacao",
              "reutilizam", "wiederverwendung", "wiederverwenden"),
    "shared": ("共享", "共有", "공유", "compartido", "compartidos", "compartida", "compartidas", "partage",
               "partages", "partagee", "partagees", "condiviso", "condivisi", "condivisa", "condivise",
               "compartilhado", "compartilhados", "compartilhada", "compartilhadas", "gemeinsam", "gemeinsame",
               "gemeinsamen"),
    "long context": ("长上下文", "長いコンテキスト", "長文脈", "긴 컨텍스트", "긴 문맥", "contexto largo", "contextos largos",
                     "largo contexto", "contexte long", "contextes longs", "long contexte", "contesto lungo",
                     "contesti lunghi", "contexto longo", "contextos longos", "langer kontext", "langen kontexten",
                     "lange kontexte"),
    "context": ("上下文", "コンテキスト", "文脈", "컨텍스트", "문맥", "contesto", "contesti"),
    "sequence": ("序列", "シーケンス", "系列", "시퀀스", "secuencia", "secuencias"),
    "token": ("令牌", "词元", "トークン", "토큰"),
    "memory": ("内存", "显存", "メモリ", "메모리", "memoria", "memoire", "speicher", "speichers"),
    "storage": ("存储", "ストレージ", "스토리지", "저장소", "almacenamiento", "stockage", "archiviazione",
                "armazenamento", "speicherung"),
    "offloading": ("卸载", "オフロード", "오프로딩", "descarga", "dechargement", "scaricamento", "descarregamento",
                   "auslagerung"),
    # compression and numerics
    "quantization": ("量化", "量子化", "양자화", "cuantizacion", "quantification", "quantisation", "quantizzazione",
                     "quantizacao", "quantisierung"),
    "pruning": ("剪枝", "枝刈り", "プルーニング", "가지치기", "프루닝", "poda", "elagage", "potatura", "beschneidung"),
    "sparsity": ("稀疏性", "稀疏", "スパース", "희소성", "희소", "esparsidad", "parcimonie", "sparsita",
                 "esparsidade", "dunnbesetzt"),
    "distillation": ("蒸馏", "蒸留", "증류", "destilacion", "distillazione", "destilacao", "destillation"),
    "compression": ("压缩", "圧縮", "압축", "compresion", "compressione", "compressao", "kompression", "komprimierung"),
    "precision": ("精度", "정밀도", "precision", "precisione", "precisao", "prazision"),
    "floating point": ("浮点", "浮動小数点", "부동소수점", "coma flotante", "virgule flottante", "virgola mobile",
                       "ponto flutuante", "gleitkomma"),
    "low-bit": ("低比特", "低ビット", "저비트"),
    "mixed precision": ("混合精度", "혼합 정밀도", "precision mixta", "precision mixte", "precisione mista",
                        "precisao mista", "gemischte prazision"),
    "determinism": ("确定性", "決定性", "결정론", "결정성", "determinismo", "determinisme", "determinismus"),
    "non-determinism": ("非确定性", "非決定性", "비결정성", "no determinismo", "non-determinisme", "non determinisme",
                       "non determinismo", "nao determinismo", "nichtdeterminismus"),
    "numerical": ("数值", "数値", "수치", "numerico", "numerica", "numerique", "numerici", "numerische", "numerischen"),
    "drift": ("漂移", "ドリフト", "드리프트", "deriva", "derive"),
    # distributed systems and hardware
    "parallelism": ("并行", "並列", "병렬", "paralelismo", "parallelisme", "parallelismo", "parallelitat",
                    "parallelisierung"),
    "sequence parallelism": ("序列并行", "シーケンス並列", "系列並列", "시퀀스 병렬", "paralelismo de secuencia",
                             "parallelisme de sequence", "parallelismo di sequenza", "paralelismo de sequencia",
                             "sequenzparallelitat"),
    "context parallelism": ("上下文并行", "コンテキスト並列", "컨텍스트 병렬", "paralelismo de contexto",
                            "parallelisme de contexte", "parallelismo di contesto", "kontextparallelitat"),
    "tensor parallelism": ("张量并行", "テンソル並列", "텐서 병렬", "paralelismo tensorial", "paralelismo de tensores",
                           "parallelisme tensoriel", "parallelismo tensoriale", "tensorparallelitat"),
    "pipeline parallelism": ("流水线并行", "パイプライン並列", "파이프라인 병렬", "paralelismo de pipeline",
                             "parallelisme de pipeline", "parallelismo a pipeline"),
    "data parallelism": ("数据并行", "データ並列", "데이터 병렬"),
    "expert parallelism": ("专家并行", "エキスパート並列", "전문가 병렬"),
    "tensor": ("张量", "テンソル", "텐서"),
    "pipeline": ("流水线", "パイプライン", "파이프라인"),
    "distributed": ("分布式", "分散", "분산", "distribuido", "distribuida", "distribuidos", "distribuidas", "distribue",
                    "distribuee", "distribues", "distribuito", "distribuita", "distribuiti", "distribuite",
                    "verteilt", "verteilte", "verteilten", "verteiltes"),
    "communication": ("通信", "통신", "comunicacion", "comunicaciones", "comunicazione", "comunicazioni", "comunicacao",
                      "comunicacoes"),
    "computation": ("计算", "計算", "연산", "계산", "calculo", "computo", "calcul", "calcolo", "calcoli", "computacao",
                    "berechnung", "berechnungen"),
    "overlap": ("重叠", "重畳", "オーバーラップ", "중첩", "오버랩", "superponen", "superponer", "solapan", "solapar",
                "solapamiento", "superposicion", "chevauchent", "chevauchement", "recouvrement", "recouvrent",
                "sovrappongono", "sovrapporre", "sovrapposizione", "sobrepoem", "sobrepor", "sobreposicao",
                "uberlappen", "uberlappung"),
    "collective communication": ("集合通信", "集団通信", "집합 통신"),
    "network": ("网络", "ネットワーク", "네트워크", "reseau", "reseaux", "rete", "reti", "rede", "redes", "netzwerk",
                "netzwerke"),
    "bandwidth": ("带宽", "帯域幅", "帯域", "대역폭", "ancho de banda", "bande passante", "larghezza di banda",
                  "largura de banda", "bandbreite"),
    "cluster": ("集群", "クラスタ", "클러스터", "cluster", "clusters"),
    "datacenter": ("数据中心", "データセンター", "데이터센터", "데이터 센터", "centro de datos", "centros de datos",
                   "centre de donnees", "centres de donnees", "centro dati", "centri dati", "centro de dados",
                   "centros de dados", "rechenzentrum", "rechenzentren"),
    "cloud": ("云", "クラウド", "클라우드", "nube", "nuage", "nuvola", "nuvem"),
    "hardware": ("硬件", "ハードウェア", "하드웨어"),
    "accelerator": ("加速器", "アクセラレータ", "가속기"),
    "chip": ("芯片", "チップ", "칩", "chips", "puce", "puces"),
    "kernel": ("内核", "算子", "カーネル", "커널", "nucleo", "nucleos", "noyau", "noyaux", "nuclei"),
    "compiler": ("编译器", "コンパイラ", "컴파일러"),
    "attention": ("注意力", "アテンション", "注意機構", "어텐션", "atencion", "attenzione", "atencao", "aufmerksamkeit"),
    "load balancing": ("负载均衡", "負荷分散", "로드 밸런싱", "부하 분산", "equilibrio de carga", "balanceo de carga",
                       "equilibrage de charge", "bilanciamento del carico", "balanceamento de carga", "lastausgleich",
                       "lastverteilung"),
    "workload": ("工作负载", "ワークロード", "워크로드", "carga de trabajo", "cargas de trabajo", "charge de travail",
                 "charges de travail", "carico di lavoro", "carichi di lavoro", "carga de trabalho",
                 "cargas de trabalho", "arbeitslast", "arbeitslasten"),
    "heterogeneous": ("异构", "ヘテロジニアス", "異種", "이기종", "heterogeneo", "heterogeneos", "heterogenea",
                      "heterogeneas", "eterogeneo", "eterogenei", "eterogenea", "eterogenee"),
    "elastic": ("弹性", "エラスティック", "탄력적", "elastico", "elastica", "elasticos", "elasticas", "elastique",
                "elastiques", "elastisch", "elastische"),
    "scaling": ("扩展", "缩放", "スケーリング", "확장", "escalado", "escalabilidad", "mise a l'echelle",
                "scalabilita", "ridimensionamento", "escalabilidade", "skalierung"),
    "idle": ("空闲", "アイドル", "유휴", "ocioso", "ociosos", "ociosa", "ociosas", "inactif", "inactifs", "inactive",
             "inattivo", "inattivi", "inattiva", "inattive", "ungenutzt", "ungenutzte", "ungenutzten", "leerlauf"),
    "fault tolerance": ("容错", "耐障害性", "フォールトトレランス", "내결함성", "tolerancia a fallos",
                        "tolerance aux pannes", "tolleranza ai guasti", "tolerancia a falhas", "fehlertoleranz"),
    "failure": ("故障", "障害", "장애", "fallo", "fallos", "falla", "fallas", "panne", "pannes", "guasto", "guasti",
                "falha", "falhas", "ausfall", "ausfalle"),
    "checkpoint": ("检查点", "チェックポイント", "체크포인트", "punto de control", "puntos de control"),
    "energy": ("能耗", "能源", "能量", "エネルギー", "에너지"),
    "power": ("功耗", "电力", "消費電力", "電力", "전력", "potencia", "puissance", "potenza", "leistung",
              "stromverbrauch"),
    "efficiency": ("效率", "能效", "効率", "효율", "효율성", "eficiencia", "efficacite", "efficienza",
                   "effizienz"),
    "efficient": ("高效", "効率的", "효율적", "eficiente", "eficientes", "efficace", "efficaces", "efficiente",
                  "efficienti", "effizient", "effiziente", "effizienten"),
    "cost": ("成本", "费用", "コスト", "비용", "costo", "costos", "coste", "costes", "cout", "couts", "costi", "custo",
             "custos", "kosten", "barato", "baratos", "barata", "baratas", "economico", "economici", "gunstiger"),
    "edge": ("边缘", "エッジ", "엣지", "에지"),
    "mobile": ("移动", "モバイル", "모바일", "movil", "moviles", "movel", "moveis", "mobil", "mobilen",
               "mobilgerate"),
    "device": ("设备", "デバイス", "端末", "기기", "디바이스", "장치", "dispositivo", "dispositivos", "appareil",
               "appareils", "dispositif", "dispositifs", "dispositivi", "gerat", "gerate", "geraten"),
    "embedded": ("嵌入式", "組み込み", "임베디드", "embebido", "embebidos", "embebidas", "embarque", "embarques",
                 "embarquee", "embarquees", "incorporato", "incorporati", "embarcado", "embarcados", "embarcadas",
                 "eingebettet", "eingebettete", "eingebetteten"),
    # study kinds and goals
    "benchmark": ("基准", "ベンチマーク", "벤치마크", "punto de referencia", "banc d'essai", "banco di prova"),
    "evaluation": ("评估", "評価", "평가", "evaluacion", "valutazione", "avaliacao", "bewertung", "auswertung"),
    "measurement": ("测量", "測定", "측정", "medicion", "mediciones", "mesure", "mesures", "misurazione",
                    "misurazioni", "medicao", "medicoes", "messung", "messungen"),
    "simulator": ("模拟器", "仿真", "シミュレータ", "시뮬레이터", "simulador", "simuladores", "simulateur",
                  "simulateurs", "simulatore", "simulatori", "simulatoren"),
    "profiling": ("性能分析", "プロファイリング", "프로파일링", "perfilado", "profilage", "profilazione", "perfilamento"),
    "optimization": ("优化", "最適化", "최적화", "ottimizzazione", "ottimizzare", "ottimizza", "otimizacao", "otimizar",
                     "otimiza"),
    "automatic": ("自动", "自動", "자동", "automatico", "automatica", "automatique", "automatisch", "automatische"),
    "open-source": ("开源", "オープンソース", "오픈소스", "오픈 소스", "codigo abierto", "code source ouvert",
                    "codice aperto", "codigo aberto", "quelloffen", "quelloffene"),
    "framework": ("框架", "フレームワーク", "프레임워크", "marco de trabajo", "cadre"),
    "system": ("系统", "システム", "시스템", "sistema", "sistemas", "systeme", "systemes", "sistemi"),
    "algorithm": ("算法", "アルゴリズム", "알고리즘"),
    "privacy": ("隐私", "プライバシー", "프라이버시", "개인정보", "privacidad", "confidentialite", "vie privee",
                "riservatezza", "privacidade", "datenschutz", "privatsphare"),
    "security": ("安全", "セキュリティ", "보안", "seguridad", "securite", "sicurezza", "seguranca", "sicherheit"),
    "homomorphic encryption": ("同态加密", "準同型暗号", "동형 암호", "동형암호", "cifrado homomorfico",
                               "chiffrement homomorphe", "crittografia omomorfica", "criptografia homomorfica",
                               "homomorphe verschlusselung"),
    "zero-knowledge proof": ("零知识证明", "ゼロ知識証明", "영지식 증명", "prueba de conocimiento cero",
                             "preuve a divulgation nulle de connaissance", "prova a conoscenza zero",
                             "prova de conhecimento zero", "zero-knowledge-beweis"),
    "secret sharing": ("秘密共享", "秘密分散", "비밀 공유", "comparticion de secretos", "partage de secret",
                       "condivisione di segreti", "compartilhamento de segredos", "geheimnisteilung"),
    "cryptographic": ("密码学", "密码", "暗号技術", "暗号", "암호", "criptografico", "criptografica", "criptograficas",
                      "criptograficos", "cryptographique", "cryptographiques", "crittografico", "crittografica",
                      "crittografiche", "kryptographisch", "kryptographische", "kryptographischen"),
    "encryption": ("加密", "暗号化", "암호화", "cifrado", "chiffrement", "crittografia", "criptografia",
                   "verschlusselung", "verschlusselt"),
    "reproducibility": ("可复现", "再現性", "재현성", "reproducibilidad", "reproductibilite", "riproducibilita",
                        "reprodutibilidade", "reproduzierbarkeit"),
    "code generation": ("代码生成", "コード生成", "코드 생성", "generacion de codigo", "generation de code",
                        "generazione di codice", "geracao de codigo", "codegenerierung"),
    "chip design": ("芯片设计", "チップ設計", "칩 설계", "diseno de chips", "conception de puces",
                    "progettazione di chip", "projeto de chips", "chipentwurf", "chipdesign"),
    "design": ("设计", "設計", "설계", "diseno", "conception", "progettazione", "projeto", "entwurf"),
    "verification": ("验证", "検証", "검증"),
    "database": ("数据库", "データベース", "데이터베이스", "base de datos", "bases de datos", "base de donnees",
                 "banca dati", "banco de dados", "datenbank", "datenbanken"),
    "query": ("查询", "クエリ", "쿼리", "consulta", "consultas", "interrogazione", "abfrage", "abfragen"),
    "routing": ("路由", "ルーティング", "라우팅", "enrutamiento", "routage", "instradamento", "roteamento"),
    "acceleration": ("加速", "高速化", "가속", "aceleracion", "acelerar", "aceleran", "acelera", "acceleration",
                     "accelerazione", "aceleracao", "aceleram", "beschleunigung", "beschleunigen", "beschleunigt"),
    "faster": ("更快", "より速く", "더 빠르게", "mas rapido", "mas rapida", "mas rapidos", "plus rapide", "plus rapides",
               "piu veloce", "piu veloci", "piu rapido", "mais rapido", "mais rapida", "schneller"),
    "reduce": ("减少", "降低", "削減", "줄이", "감소", "reducir", "reducen", "reduire", "reduisent", "ridurre", "riducono",
               "reduzir", "reduzem", "reduzieren", "verringern"),
    "improve": ("提高", "提升", "改善", "향상", "개선", "mejorar", "mejoran", "ameliorer", "ameliorent", "migliorare",
                "migliorano", "melhorar", "melhoram", "verbessern", "verbessert"),
    "accuracy": ("准确率", "准确性", "精确度", "正確性", "정확도", "exactitud", "exactitude", "accuratezza", "acuracia",
                 "genauigkeit"),
    "trace": ("轨迹", "トレース", "트레이스", "traza", "trazas", "traccia", "tracce", "traco", "tracos"),
    "chain-of-thought": ("思维链", "思考の連鎖", "사고의 사슬", "cadena de pensamiento", "cadenas de pensamiento",
                         "chaine de pensee", "chaines de pensee", "catena di pensiero", "catene di pensiero",
                         "cadeia de pensamento", "cadeias de pensamento", "gedankenkette", "gedankenketten"),
    "voting": ("投票", "투표", "votar", "votacion", "voter", "vote", "votare", "votazione", "votacao", "abstimmung"),
    "step": ("步骤", "ステップ", "단계", "paso", "pasos", "etape", "etapes", "passo", "passi", "passos", "etapa", "etapas",
             "schritt", "schritte"),
    "sampling": ("采样", "サンプリング", "샘플링", "muestreo", "muestreadas", "muestreados", "echantillonnage",
                 "echantillonnees", "campionamento", "campionate", "amostragem", "amostradas", "stichprobe"),
    "test-time": ("测试时", "テスト時", "테스트 시간", "tiempo de prueba", "temps de test", "tempo di test",
                  "tempo de teste", "testzeit"),
    "characterization": ("特征分析", "特性評価", "특성 분석", "caracterizacion", "caracterisation", "caratterizzazione",
                         "caracterizacao", "charakterisierung"),
    "lessons": ("经验教训", "教訓", "교훈", "lecciones", "lecons", "lezioni", "licoes", "lektionen", "erfahrungen"),
    "production": ("生产环境", "本番環境", "프로덕션", "produccion", "production", "produzione", "producao", "produktion"),
}

# Organisations as Chinese, Japanese and Korean write them, read as the names the records use, so that "谷歌的论文"
# is read as Google's papers (a filter, ``PaperSearch.read_filters``), as "Google's papers" is
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "Google": ("谷歌", "グーグル", "구글"), "Microsoft": ("微软", "マイクロソフト", "마이크로소프트"),
    "NVIDIA": ("英伟达", "辉达", "エヌビディア", "엔비디아"), "Amazon": ("亚马逊", "アマゾン", "아마존"),
    "Apple": ("苹果公司", "アップル", "애플"), "IBM": ("国际商业机器",),  # (not Meta's メタ, 메타: "meta-learning")
    "Alibaba": ("阿里巴巴", "阿里", "アリババ", "알리바바"), "ByteDance": ("字节跳动", "バイトダンス", "바이트댄스"),
    "Tencent": ("腾讯", "テンセント", "텐센트"), "Huawei": ("华为", "ファーウェイ", "화웨이"), "Baidu": ("百度", "バイドゥ", "바이두"),
    "Samsung": ("三星", "サムスン", "삼성"), "Intel": ("英特尔", "インテル", "인텔"), "AMD": ("超威半导体",),
    "OpenAI": ("オープンAI", "오픈AI"), "LinkedIn": ("领英", "リンクトイン", "링크드인"),
    "Stanford": ("斯坦福", "スタンフォード", "스탠퍼드", "스탠포드"), "Berkeley": ("伯克利", "バークレー", "버클리"),
    "Massachusetts Institute of Technology": ("麻省理工学院", "麻省理工", "マサチューセッツ工科大学", "매사추세츠 공과대학"),
    "Carnegie Mellon": ("卡内基梅隆", "カーネギーメロン", "카네기 멜런", "카네기멜론"),
    "Harvard": ("哈佛", "ハーバード", "하버드"), "Princeton": ("普林斯顿", "プリンストン", "프린스턴"),
    "Cornell": ("康奈尔", "コーネル", "코넬"), "Tsinghua": ("清华大学", "清华", "清華大学", "칭화대"),
    "Peking University": ("北京大学", "베이징대"), "Zhejiang University": ("浙江大学", "浙大"),
    "Shanghai Jiao Tong": ("上海交通大学", "上海交大", "上海交通大學"), "Fudan": ("复旦大学", "复旦"),
    "Seoul National University": ("首尔大学", "ソウル大学", "서울대학교", "서울대"), "KAIST": ("韩国科学技术院", "카이스트"),
    "University of Washington": ("华盛顿大学", "ワシントン大学", "워싱턴 대학교"), "Georgia Tech": ("佐治亚理工", "조지아공대"),
    "University of Toronto": ("多伦多大学", "トロント大学", "토론토 대학교"),
    "Hong Kong University of Science and Technology": ("香港科技大学", "港科大"),
}

# What a question asks of the records, in other languages: who (institutions, companies, authors) and a ranking
# by paper count ("¿Qué instituciones tienen más artículos?", "哪些机构的论文最多？"), read as English so that the
# who and ranking cues (``query.asks_who``, ``query.ranking_of``) see them. Longest first, like the terms.
RECORD_WORDS: dict[str, tuple[str, ...]] = {
    "the most papers": ("más artículos", "más trabajos", "más publicaciones", "más papers", "le plus d'articles",
                        "le plus de publications", "plus d'articles", "die meisten papers", "die meisten arbeiten",
                        "die meisten artikel", "die meisten veröffentlichungen", "più articoli", "più pubblicazioni",
                        "mais artigos", "mais publicações", "mais trabalhos", "论文最多", "最多论文", "最多的论文",
                        "发表最多", "論文が最も多い", "最も多くの論文", "論文数が最も多い", "가장 많은 논문",
                        "논문이 가장 많은", "논문을 가장 많이"),
    "institutions": ("instituciones", "institutions", "institutionen", "istituzioni", "instituições", "organizaciones",
                     "organisations", "organisationen", "organizzazioni", "organizações", "机构", "研究机构", "機関",
                     "研究機関", "기관", "연구 기관"),
    "universities": ("universidades", "universités", "universitäten", "università", "高校", "대학들"),
    # "l'Université de Toronto", "la Universidad de Toronto": the record's "University of Toronto" (the foreign word
    # had stayed a topic word no paper writes: "no paper from Toronto answers this")
    "University of": ("université de", "universidad de", "universidade de", "universidade do", "universität",
                      "università di", "université du", "universiteit van", "universitat de"),
    "companies": ("empresas", "entreprises", "unternehmen", "firmen", "aziende", "公司", "企业", "企業", "회사", "기업"),
    "authors": ("autores", "auteurs", "autoren", "autori", "作者", "著者", "저자"),
    "work on": ("trabajan en", "trabajan sobre", "travaillent sur", "arbeiten an", "forschen an", "lavorano su",
                "lavorano a", "trabalham em", "trabalham com"),
}

# "edge, móviles o embebidos": the alternatives a question offers are read from its "or" (question_alternatives);
# Spanish and Italian "o" only after a comma list, since Portuguese writes "o" for "the"
_OR_SCRIPTS = ("或者", "或", "または", "あるいは", "もしくは", "또는", "혹은")
_OR_LATIN = re.compile(r"(?<![\w-])(ou|oder|oppure)(?![\w-])|(?<=,)(\s*[\w-]+\s+)o(?=\s+[\w-])", re.I)

_NON_LATIN = re.compile(r"[^\x00-\u024f]")


@lru_cache(maxsize=None)
def _tables(table: str) -> tuple[list[tuple[str, str]], re.Pattern, dict[str, str]]:
    """For ``TERMS`` ("terms", a plural ending allowed) or ``RECORD_WORDS`` ("records"): (non-Latin form, English)
    longest first; one regex of the Latin forms, longest first, as written and without accents ("mas articulos");
    folded lower-case form -> English (the first English that writes it)."""
    entries = TERMS if table == "terms" else RECORD_WORDS
    scripts = [(form, english) for form, english in _longest_first(entries) if _NON_LATIN.search(form)]
    latin: dict[str, str] = {}
    written: set[str] = set()
    for english, forms in entries.items():
        for form in forms:
            if not _NON_LATIN.search(form):
                latin.setdefault(fold_accents(form).lower(), english)
                written.add(form.lower())
    keys = sorted(written | set(latin), key=len, reverse=True)
    words = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
    plural = r"(?:e?s)?" if table == "terms" else ""
    return scripts, re.compile(rf"(?<![\w-])({words}){plural}(?![\w-])", re.I), latin


def _latin(text: str, pattern: re.Pattern, latin: dict[str, str]) -> str:
    """``text`` with the Latin-script forms that ``pattern`` finds replaced by their English (``latin``)."""
    return pattern.sub(lambda m: latin[fold_accents(re.sub(r"\s+", " ", m.group(1).lower()))], text)


def _substitute(text: str, forms: list[tuple[str, str]]) -> str:
    """``text`` with each form (of a script that does not space its words) replaced by its reading, spaced."""
    for form, reading in forms:
        if form in text:
            text = text.replace(form, f" {reading} ")
    return text


def _longest_first(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    return sorted(((form, name) for name, forms in table.items() for form in forms), key=lambda fn: -len(fn[0]))


def translate_names(text: str) -> str:
    """``text`` with the organisations that Chinese, Japanese and Korean write in their scripts named as the records
    name them ("谷歌的论文" -> "Google 的论文"); longest form first ("清华大学" before "清华")."""
    return _substitute(text, _names())


@lru_cache(maxsize=1)
def _names() -> list[tuple[str, str]]:
    return _longest_first(ORGANISATIONS)


def translate_records(text: str) -> str:
    """``text`` with the words asking who wrote papers, or which have the most, in English ("¿Qué instituciones
    tienen más artículos?" -> "¿Qué institutions tienen the most papers?"); other words as they are."""
    scripts, pattern, latin = _tables("records")
    return _latin(_substitute(text, scripts), pattern, latin)


# "pesquisa sobre", "recherches sur", "ricerca su", "Forschung zu": research on a topic (the papers), not the
# "search" these words also mean ("recherche en faisceau" is beam search)
_RESEARCH_ON = re.compile(r"\b(?:pesquisas?|recherches?|ricerc(?:a|he)|investigacion(?:es)?|forschung(?:en)?)\s+"
                          r"(?=(?:sobre|sur|su|sul|sulla|sullo|sugli|sulle|zu|zur|zum|uber|acerca|about|on)\b)",
                          re.I)


def translate_terms(text: str) -> str:
    """``text`` with the research terms of other languages replaced by their English ("并行" -> " parallelism ",
    "poids" -> "weights"); other words are left as they are, for the cognate rule and the multilingual model."""
    scripts, pattern, latin = _tables("terms")
    text = _substitute(_substitute(text, scripts), [(form, "or") for form in _OR_SCRIPTS])
    folded = _RESEARCH_ON.sub("research ", fold_accents(text))
    folded = _latin(folded, pattern, latin)
    return _OR_LATIN.sub(lambda m: f"{m.group(2)}or" if m.group(2) else "or", folded)
