"""A question that describes a research concept in plain words, read for the term the papers use for it: "the
prompt-processing phase" is prefill, "a cheap proposer guesses tokens the full model verifies" is speculative
decoding, "keeping raw data local while training across clients" is federated learning.

BM25 sees only the words a question writes, and MiniLM links a description to the term only loosely: described
this way, the papers on the concept ranked far below ones sharing a surface word ("pools" brought in CXL memory
pooling for "separate GPU pools"). Like ``crosslingual`` for other languages, this is a small dictionary of the
field's vocabulary: each term the papers write, with the plain-English ways of saying it. A description found in
an English question gets the term written after it (the question keeps its own words); a question already
writing the term is left as it is.
"""
from __future__ import annotations

import re

# terms that say how a method works, not what it is on: the best paper writing one does not hold the question's topic
# ("How do I change one fact a model learned ... without retraining it?" is no question on training-free methods)
QUALIFIERS = frozenset({"training-free"})

# the papers' term (or terms, "|" between them) -> how a question may describe it (regular expressions, matched
# case-insensitively)
DESCRIBED: dict[str, tuple[str, ...]] = {
    "KV cache": (r"key[-/ ]?(?:and[- ])?values?[- ]cach(?:e|es|ing)", r"cached keys?(?: and |/| or )values?",
                 r"attention cache",
                 # "the model's memory of the conversation keeps growing"
                 r"(?:model|llm|ai)['’]?s? memory of (?:the )?(?:conversation|chat|dialog(?:ue)?|context|past tokens)",
                 # "an ever-growing record of every earlier word"
                 r"(?:ever[- ])?growing (?:record|memory|list|store|log|cache) of (?:every |all (?:the )?|the )?"
                 r"(?:earlier|previous|past|prior|preceding) (?:words?|tokens?)",
                 # ("in long chats the model has to remember everything said so far")
                 r"remember\w* (?:everything|all|every word) (?:\w+ ){0,2}(?:said|typed|written) so far",
                 # ("the chatbot keeps running notes of the whole conversation and those notes keep growing")
                 r"(?:running )?(?:notes|record|log) of the (?:whole |entire |full )?(?:conversation|chat|"
                 r"dialog(?:ue)?)"),
    "prefill": (r"prompt[- ]processing(?: phase| stage| step)?",
                r"(?:phase|stage) that processes the (?:input )?prompt",
                r"(?:process|read)(?:es|s|ing)? the (?:whole |entire |input |full )?prompt"),
    "decode": (r"token[- ]generation (?:phase|stage)", r"(?:phase|stage) that generates (?:the )?(?:output )?tokens",
               r"writ(?:e|es|ing) the (?:reply|answer|response|output) (?:word|token) by (?:word|token)"),
    "disaggregation": (r"(?:separate|dedicated) (?:gpu |machine |hardware )?(?:pools|clusters|instances|sets of gpus|"
                       r"groups of gpus)", r"different (?:gpu |machine )?pools"),
    # (the model drafting for itself: "drafts tokens by running the same LLM with some blocks skipped")
    "self-speculative": (r"draft\w* (?:\w+ ){0,4}(?:with|by running|using|from) (?:the )?same (?:llm|model|network)",
                         r"draft\w* (?:\w+ ){0,3}for (?:itself|themselves)"),
    "speculative decoding": (r"spec\.? ?dec(?:oding|\.)?(?![\w-])",  # ("any1 doing spec dec w/ diffusion drafters?")
                             r"(?:cheap|small|smaller|lightweight|fast|quick)(?:,? (?:cheap|small|quick|fast|"
                             r"lightweight))? (?:proposer|drafter|draft model|guesser)",
                             r"guess(?:es|ing)? (?:several|multiple|many|a few|the next few|upcoming|future) "
                             r"(?:upcoming |future |next )?(?:tokens|words)",
                             r"guess(?:es|ing)? (?:a few |several |some )?(?:tokens|words) ahead",
                             r"guess(?:es|ing)? the next (?:several|few|couple of|handful of) (?:tokens|words)",
                             r"(?:fast|small|cheap|quick|little) helper(?: model)?",
                             r"propos(?:e|es|ing) (?:several|multiple) tokens? .{0,40}verif",
                             r"draft(?:s|ing|ed)? (?:the )?(?:next |future |upcoming |several |multiple )?tokens",
                             r"draft[- ](?:and|then)[- ]verif(?:y|ication)"),
    "knapsack": (r"0/1 (?:packing|selection|optimi[sz]ation)", r"packing[- ]style (?:optimi[sz]ation|problem)"),
    "diffusion language model": (r"unmask(?:s|ing)?\b", r"denois(?:e|es|ing) (?:many |several |multiple )?tokens",
                                 r"(?:generat\w+|produc\w+|emit\w*) (?:many |several |multiple |all )?tokens in "
                                 r"parallel", r"(?:rather than|instead of) (?:writing |going |generating |producing )?"
                                 r"(?:strictly )?left[- ]to[- ]right",
                                 r"fill\w* in (?:many|several|multiple|all the|lots of|a lot of) (?:words|tokens) "
                                 r"(?:at once|at the same time|simultaneously|in parallel)",
                                 r"blanked[- ]out (?:draft|text|sentence)",
                                 r"(?:produc|generat|writ|emit|output)\w* (?:many|several|multiple|lots of|"
                                 r"a (?:whole )?(?:chunk|block|bunch) of) (?:words|tokens) at (?:once|the same time)",
                                 r"fill\w* in (?:a |the )?blank",
                                 r"(?:writ|produc|generat|sketch|draft)\w* (?:a |the )?whole (?:passage|reply|"
                                 r"answer|text|sentence) at once",
                                 r"not (?:strictly )?left[- ]to[- ]right",
                                 # ("instead of writing one word after another, fill in a whole passage of blanks")
                                 r"fill\w* in (?:\w+ ){0,4}blanks",
                                 r"(?:instead of|rather than|not|(?:do|does|did)n['’]t|never) "
                                 r"(?:writ\w*|produc\w*|generat\w*) (?:one|each) (?:word|token) after "
                                 r"(?:another|the other)",
                                 r"fill\w* in (?:a |the )?whole (?:passage|reply|answer|text|sentence) at once"),
    "sparse attention": (r"skip(?:s|ping)? (?:the )?(?:(?:attention|computation|compute|work) ){0,2}(?:for |on |over )?"
                         r"(?:unimportant|irrelevant|less important|low[- ]importance) (?:tokens|blocks|keys)",
                         r"attend(?:s|ing)? (?:only )?to (?:a subset of|only the important|the important|fewer) "
                         r"tokens", r"instead of attending to (?:every|all)",
                         r"only (?:looking|attending|look|attend)s? (?:at|to) (?:the )?(?:earlier |previous )?"
                         r"(?:words|tokens|blocks)(?: or (?:words|tokens|blocks))? that (?:actually )?matter",
                         r"compar\w* every (?:word|token) (?:with|to|against) every other(?: (?:word|token))?",
                         r"skip\w* (?:over )?(?:the )?(?:parts|words|tokens|bits|pieces) that (?:barely|hardly|"
                         r"rarely|don['’]t|do not) matter"),
    "federated learning": (r"train\w* (?:models? )?collaboratively", r"(?:keep|keeps|keeping) (?:their |its |the )?"
                           r"(?:raw |private |own )?data (?:local|on[- ]device|on their devices)",
                           r"(?:keep|keeps|keeping) (?:their|its|the)? ?(?:raw |private |own )?data (?:at home|to "
                           r"(?:itself|themselves)|in[- ]house|locally)",
                           r"(?:teach|train)\w* (?:one |a |the same )?shared (?:\w+ )?model together",
                           # ("several hospitals, companies or phones training one model together while each keeps
                           # its own data instead of handing it over")
                           r"(?:teach|train|build|creat|make|develop)\w* (?:one|a|the same|a single) (?:\w+ )?model "
                           r"together",
                           # ("none of them is allowed to hand over its patient records")
                           r"(?:hand|give|send)\w* over (?:its|their|the|any) (?:\w+ )?(?:data|records)",
                           r"each (?:one )?keeps? (?:its|their) own data",
                           r"without (?:sharing|centralizing|pooling|handing over|giving up|revealing|exposing|"
                           r"uploading|sending|moving) (?:their |the |its |any )?(?:raw |private |own )?data"),
    "heterogeneous GPUs": (r"(?:mixed|mix of|mixture of) (?:pool of )?(?:different )?(?:gpu|accelerator)",
                           r"different (?:gpu|accelerator) (?:types|generations|models|kinds)",
                           r"combin\w* (?:\w+,? ){0,6}?(?:older|newer|different) (?:\w+,? ){0,5}?"
                           r"(?:gpus|graphics cards)",
                           r"(?:mix|mixture) of (?:older|old|newer|new|different)(?: and (?:older|old|newer|new))? "
                           r"(?:gpus|graphics cards|accelerators|chips)",
                           r"(?:non[- ]identical|dissimilar|varied) gpus",
                           # ("a pile of older graphics cards plus a few new ones")
                           r"(?:older|old|newer|new) (?:gpus|graphics cards|accelerators|cards) (?:plus|and|with|"
                           r"alongside) (?:a few |some |several |a couple of )?(?:newer|new|older|old)\b",
                           # ("a mix of different kinds of graphics cards", "a grab bag of older and newer GPUs")
                           r"(?:mix|mixture|combination|blend|jumble|grab[- ]bag|mixed[- ]bag|assortment) of "
                           r"(?:\w+,? ){0,5}?"
                           r"(?:gpus|graphics cards|accelerators)",
                           r"different (?:kinds|types|models|generations|brands) of "
                           r"(?:gpus|graphics cards|accelerators)",
                           # "a mix of old v100s and newer a100s/h100s": GPUs of two generations named together
                           r"(?:mix(?:ed|ture)? of (?:\w+ )?|old(?:er)? )[vahb]\d{2,3}s?(?:/[vahb]\d{2,3}s?)* "
                           r"(?:and|&|\+|with|alongside|or) (?:old(?:er)? |new(?:er)? )?[vahb]\d{2,3}s?"),
    # (and a cascade: "try a small one first and only escalate when it's unsure", "not send every prompt to the big
    # model")
    "routing": (
                # ("whether a question should go to a small cheap model or a big expensive one")
                r"(?:small|smaller|cheap|cheaper|tiny|weak|weaker)(?:,? (?:and )?(?:cheap|small|fast|weak))? "
                r"(?:model|llm|one) or (?:a |the )?(?:big|bigger|large|larger|expensive|strong|stronger|powerful)",
                r"(?:try|tries|trying|use|uses|using|start with|run|runs|running) (?:a |the )?(?:small|smaller|cheap|"
                r"cheaper|tiny|weaker) (?:model|llm|one) first",
                r"(?:not|avoid|without|never|instead of) (?:\w+ )?send\w* (?:every|each|all|all the) "
                r"(?:prompts?|quer(?:y|ies)|requests?|questions?) to",
                r"rout(?:e|es|ing) (?:each |every |incoming )?(?:query|queries|request|requests|prompt|prompts) "
                r"(?:to|between|among)",
                r"(?:send|sends|sending|dispatch\w*) (?:the )?(?:easy|easier|hard|harder|simple|simpler|difficult) "
                r"(?:ones|queries|requests|prompts|questions)",
                r"(?:the )?easy (?:ones|questions|queries|requests|prompts) (?:can |could |should |would )?(?:go|goes|"
                r"are sent|get sent|get routed) to",
                # "assigns a whole group of incoming prompts to models jointly"
                r"assign\w* (?:\w+ ){0,5}(?:queries|requests|prompts|questions) (?:\w+ )?(?:to|among|between|across) "
                r"(?:the |several |different |multiple )?(?:models|llms)"),
    "offloading": (r"(?:keep|keeps|keeping|store|stores|storing|hold|holds|holding|put|puts|putting) (?:\w+ ){0,3}"
                   r"(?:in|on|to) (?:the )?(?:cpu|host) (?:ram|memory|dram)", r"(?:on|to|onto) (?:nvme )?ssds?\b(?!-)",
                   r"spill(?:s|ing)? (?:\w+ )?(?:to|onto) (?:the )?(?:cpu|host|disk|ssd)",
                   r"(?:in|to|into) (?:the )?(?:computer|pc|machine|host|laptop)['’]s (?:regular|system|main|ordinary|"
                   r"normal) (?:ram|memory)",
                   # "spill data that doesn't fit in GPU memory out to CPU RAM or SSDs"
                   r"(?:out )?(?:to|into|onto) (?:the )?(?:cpu|host)(?:['’]s)? (?:ram|memory|dram)",
                   # ("move part of that stored stuff out to normal computer memory or disk")
                   r"(?:move|moves|moving|push\w*|send\w*) (?:\w+ ){0,5}(?:out )?(?:to|into|onto) (?:the )?"
                   r"(?:normal|regular|ordinary|main|system|computer|cpu) (?:computer |system )?(?:memory|ram)"),
    "fault tolerance|failures": (r"(?:gpus?|graphics cards?|nodes?|machines?|computers?|servers?|hardware|devices?|"
                                 # (typed too: "failes")
                                 r"workers?) (?:fail\w*|crash\w*|go down|goes down|break|breaks|break\w* down)\b",
                                 r"(?<!multiple )(?<!several )(?<!many )(?<!chiplet )(?:gpus?|graphics cards?|nodes?|"
                                 r"machines?|servers?|workers?) (?:just |suddenly |randomly |simply )?"
                                 r"(?:die|dies|died|dying)"
                                 r"(?=\s+(?:mid|during|in|while|and|or|partway|halfway)\b|\s*[,.;:?!]|$)",
                                 r"recover\w* from (?:crashes|failures|faults)", r"(?:survive|tolerate)s? "
                                 r"(?:crashes|hardware faults|node loss)", r"broken (?:hardware|gpus|machines|nodes)"),
    "compression|quantization|pruning|distillation": (r"compress(?:es|ing)? (?:the )?(?:llms?|models?|networks?)",
                                                      r"(?:make|makes|making) (?:an? |the |my |our )?(?:ai |ml )?"
                                                      r"(?:llms?|models?|networks?)(?: itself| themselves)? smaller",
                                                      r"cut\w* out (?:the )?(?:parts|pieces|bits|weights|neurons) "
                                                      r"(?:\w+ ){0,3}(?:not|n['’]t) (?:really )?need",
                                                      r"shrink\w* (?:the )?(?:llms?|models?|networks?)"),
    "profiling|tracing": (r"diagnos\w* where (?:the )?(?:time|resources|cycles|memory)",
                          # ("where your model's time is actually going")
                          r"where (?:the |its |their |your |my |our |all (?:the |that )?)?(?:[\w-]+['’]s? )?"
                          r"(?:time|resources)(?: and (?:\w+ )?"
                          r"resources)? (?:is |are )?(?:actually |really )?(?:go|goes|spent|going)",
                          r"(?:which|what) (?:step|part|stage|layer|operation|function)s? (?:is|are) (?:the )?"
                          r"(?:slow|slowest)",
                          r"(?:find|finding|locate|locating|pinpoint\w*) (?:the )?(?:performance )?bottlenecks",
                          # ("where an AI program is spending its time, so they can find what's slowing it down")
                          r"where (?:\w+ ){0,4}(?:spend|wast\w*)(?:s|ing)? (?:its|their|the|my) time",
                          r"stopwatch for (?:every|each) (?:step|part|layer|operation)",
                          r"what(?:['’]s| is) slowing (?:\w+ ){0,2}down"),
    "DSL|compiler": (r"(?:languages?|abstractions?) for (?:writing|authoring|programming|expressing) "
                     r"(?:fast |efficient |gpu |custom )*kernels", r"(?:write|writing|author|authoring) "
                     r"(?:fast |efficient )?(?:gpu )?kernels by hand"),
    "interconnect": (r"communication fabric", r"network fabric"),
    # (the papers' "node" is a server: "served across several servers", "the inter-server network")
    "multi-node|inter-node": (r"(?:across|over|on|spanning|among) (?:several|multiple|many|two or more|a few) "
                              r"(?:servers|machines|hosts)\b", r"\binter-?(?:server|machine|host)\b",
                              r"between (?:the )?(?:servers|machines|hosts)\b"),
    "stragglers": (r"slow (?:workers|nodes|gpus|machines|devices|ranks)",),
    "agents|agentic": (r"tool[- ]call(?:ing|s)?", r"tool use"),
    # ("several AI helpers working together as a team, each with its own role")
    "multi-agent": (r"(?:several|multiple|many|a team of|teams of) (?:ai |llm )?(?:helpers|assistants|agents|bots) "
                    r"(?:\w+ ){0,2}(?:working|work|that work|collaborat\w*|cooperat\w*)(?: together)?",
                    r"(?:helpers|assistants|agents|bots) working together as a team"),
    "Gaussian splatting|3DGS": (r"(?:fuzzy|blurry|soft|tiny) (?:\w+ )?(?:colou?red )?blobs",
                                r"millions of (?:tiny |small |little |fuzzy )*(?:colou?red )?blobs"),
    "long-context": (r"(?:very|really|extremely) long (?:inputs|prompts|documents|contexts|sequences|texts)",),
    "DVFS|frequency": (r"clock (?:speeds?|rates?|frequenc\w+)", r"how fast (?:the |its |their |each )?[\w'’ ,]{0,60}?"
                       r"(?:processors?|cpus?|gpus?|chips?|memory|cores?) (?:runs?|is clocked|are clocked)\b"),
    "energy|power": (r"electricity", r"electric(?:al)? power", r"power (?:draw|bill|usage)"),
    "edge|mobile|on-device": (r"battery[- ]powered", r"smart ?watch(?:es)?", r"(?:tiny|small) (?:microcontroller )?"
                              r"boards?", r"(?:gadgets|wearables|handheld devices)",
                              r"instead of (?:in |paying for |renting |using )?the cloud",
                              # ("run a chatbot locally on my own computer or laptop")
                              r"run\w* (?:\w+ ){0,4}?(?:locally|on (?:my|our|your) own (?:computer|laptop|pc|machine|"
                              r"phone|device|hardware))"),
    "mixture-of-experts": (r"specialists?['’\"]?\s+(?:sub[- ]?networks?|sub[- ]?models?|networks?|models?)",),
    "early-exit": (r"(?:leave|leaves|exit|exits) (?:the (?:network|model) )?(?:partway|early|halfway)",
                   r"(?:without|not) (?:having to )?pass(?:ing)? through all (?:the )?layers",
                   r"skip(?:s|ping)? the (?:remaining|later|last) layers",
                   # ("stop partway through its layers on easy words instead of always running every layer")
                   r"stop(?:s|ping)? (?:partway|early|halfway) through (?:its |the |all )?(?:layers|network|model)",
                   r"(?:instead of|without|rather than) (?:always )?running "
                   r"(?:every|each|all (?:the |of its )?)layers?"),
    "vector search|similarity search": (r"closest (?:matches|neighbou?rs)", r"nearest[- ]neighbou?rs?",
                                        r"(?:most )?similar (?:pieces|bits|chunks|passages|snippets) of (?:text|"
                                        r"documents)",
                                        r"number[- ]lists", r"similar (?:vectors|embeddings)",
                                        # ("find the most similar text snippets by meaning out of millions")
                                        r"(?:find|search|look|retriev|match)\w* (?:\w+ ){0,5}by (?:their )?meaning"),
    # (of an AI system: "a trick question", "token manipulation", "hack the CUDA scheduler" are no attacks)
    "attacks|security|jailbreak|leakage": (
        # (a verb, not a noun: "one trick to make a chatbot reply quicker" is no attack)
        r"(?<!\ba )(?<!\bone )(?<!\bthe )(?<!\bthis )(?<!\bneat )"
        r"\b(?:trick|tricks|tricking|manipulat\w*|snoop\w*|fool\w*)\b(?:\W+\w+){0,5}?\W+(?:an? |the )?(?:ai|llms?|"
        r"chatbots?|(?:language )?models?|assistants?)\b", r"steal(?:s|ing)? (?:the )?(?:prompt|data|model|weights)",
        r"attack\w* (?:on )?(?:ai|llm|ml|machine[- ]learning) (?:systems|models|services)", r"\bhacking\b",
        r"\bbe(?:ing)? hacked\b",
        # "can an attacker rebuild what other users typed?"
        r"(?:rebuild|reconstruct|recover|infer|steal|piec\w* together)\w* (?:what|the prompts? (?:of|that)) "
        r"(?:other|another|different) (?:users?|customers?|tenants?)|(?:rebuild|reconstruct|recover|infer|steal|"
        r"piec\w* together)\w* what (?:someone|somebody) else",
        # ("can one of them work out what the others typed", "recover what I typed by probing the shared cache")
        r"(?:work\w* out|figur\w* out|rebuild\w*|reconstruct\w*|recover\w*|infer\w*|steal\w*) what (?:the others?|"
        r"others|other (?:people|users|customers|tenants)|i|we|you|they) (?:typed|asked|wrote|entered|sent|submitted)",
        r"bad actors", r"malicious (?:users|actors|prompts|inputs)"),
    "simulator|simulation": (r"without (?:actually )?(?:building|buying)(?: or (?:building|buying|renting))? (?:the )?"
                             r"(?:hardware|cluster)", r"before (?:building|buying) (?:the )?(?:hardware|cluster)"),
    "elastic|autoscaling": (r"(?:sudden )?(?:rush|surge|spike|flood|crowd|wave) of (?:new )?(?:users|requests|traffic|"
                            r"visitors|people)",
                            r"(?:traffic|load|demand|request|usage) (?:spikes|surges|bursts)",
                            # ("loads of people suddenly hit a chatbot service at once", "those sudden rushes")
                            r"sudden (?:rush|surge|spike|burst|flood)(?:es|s)?\b",
                            r"(?:people|users|requests|traffic) suddenly "
                            r"(?:hit|flood\w*|swamp\w*|overwhelm\w*|pile\w* in)",
                            r"grow(?:s|ing)? and shrink", r"scal(?:e|es|ing) (?:the number of \w+ )?up and down",
                            r"(?:add|adds|adding) (?:or|and) (?:remov|drop)\w* (?:gpus|nodes|machines|workers)"),
    "structured generation|constrained decoding": (r"valid json",
                                                   r"(?:follow|conform)s? (?:to )?(?:a |the |that |this |its |their |"
                                                   r"my |our |some )?(?:json |given |required )?(?:schema|grammar|"
                                                   r"format)"),
    "reinforcement learning": (r"trial[- ]and[- ]reward", r"trial[- ]and[- ]error (?:learning|training)",
                               r"learn\w* (?:\w+ )?(?:by|through) trial[- ]and[- ]error",
                               r"(?:scor|rewar)\w* (?:the |their |its )?attempts",
                               r"learn\w* from (?:rewards|feedback scores)",
                               r"(?:policy|agent|model) trained (?:with|on|from) rewards?"),
    "parallelism|tensor parallelism|pipeline parallelism": (
        r"(?:chop|split|cut|divide|shard|slice)\w* (?:up )?(?:one |a |the |each )?(?:single )?(?:big |large )?"
        r"(?:neural )?(?:network|model)s? (?:into (?:\w+ )?pieces )?(?:across|over|among|between) "
        r"(?:\w+ )?(?:gpus|graphics cards|devices|accelerators|chips|machines)",),
    # (a cloud's "guest instances" and "hypervisors" are its virtual machines; "socket/memory domains" NUMA nodes)
    "virtual machine|VM": (r"guest (?:instances?|machines?|vms?|os(?:es)?)", r"hypervisors?"),
    "NUMA": (r"(?:socket|memory)(?:/memory)? (?:domains?|nodes?)",),
    "GPU": (r"graphics[- ]cards?",),  # ("a graphics-card version")
    # ("home PCs with limited video memory", "an ordinary gaming graphics card")
    # ("my graphics card doesn't have much memory", "the memory on a graphics card"; not "GPU memory", which
    # data-centre papers write, nor "my graphics card runs out of memory", which training does too)
    "VRAM": (r"video (?:memory|ram)\b",
             r"graphics[- ]cards?(?: \(GPU\))? (?:that |which )?(?:just |only )?(?:has|have|with|"
             r"(?:does|do)(?:n['’]t| not) have|without) (?:[\w'’]+ ){0,4}?(?:memory|ram)\b",
             r"(?:memory|ram) (?:on|of|in) (?:the |my |your |a |one )?graphics[- ]cards?"),
    # (not "ordinary graphics cards", said of what a question asks to set aside: "rather than ordinary graphics cards")
    "consumer-grade": (r"(?:home|gaming) (?:graphics cards?|gpus?|pcs?|desktops?|computers?|rigs?)\b",
                       r"personal (?:computers?|pcs?)\b"),
    "TPU": (r"google['’]?s? (?:own |custom |in-house |home[- ]?grown |home[- ]?made |proprietary |bespoke )*"
            r"(?:ai |ml |machine[- ]learning )?(?:chips|accelerators|processors)",),
    # ("special-purpose chips or custom hardware for running large language models")
    "accelerator|ASIC|FPGA": (r"(?:special|single)[- ]purpose (?:ai |ml )?(?:chips?|hardware|processors?|silicon)",
                              # ("special chips that are built differently from the usual graphics cards")
                              r"special (?:ai |ml )?(?:chips?|processors?|silicon)",
                              r"(?:chips?|hardware|processors?) (?:\w+ ){0,3}(?:built|designed|made) differently",
                              r"purpose[- ]built (?:ai |ml )?(?:chips?|hardware|processors?|silicon)",
                              # (not a maker's own: "Google's own custom AI chips" are its TPUs)
                              r"(?<!own )(?<!['’]s )custom(?:[- ]made| built)? (?:ai |ml )?(?:chips?|hardware|"
                              r"processors?|silicon)"),
    # ("can AI help engineers design computer chips, like writing the hardware description code or guessing how big
    # and power hungry a design will be?")
    "HDL|RTL|Verilog": (r"hardware description (?:code|languages?)", r"design\w* (?:the |new |computer )?chips\b"),
    "power, performance, and area": (r"how (?:big|large) and (?:how )?power[- ]hungry",),
    "FPGA": (r"(?:re-?programmable|reconfigurable|field[- ]programmable) (?:chips|hardware|logic|circuits)",),
    # ("models that take in pictures as well as text, like models that can describe an image")
    "multimodal|VLM": (r"(?:take|takes|taking|accept\w*|read\w*|see\w*|understand\w*|handl\w*|process\w*) (?:in )?"
                       r"(?:both )?(?:pictures|images|photos)(?:,)? (?:as well as|and|plus|along with|together with|"
                       r"alongside) (?:text|words)",
                       r"(?:text|words) (?:as well as|and|plus|along with|together with|alongside) (?:pictures|images|"
                       r"photos)", r"(?:describe|caption)\w* (?:an? |the )?(?:images?|pictures?|photos?)"),
    "point cloud|voxel": (r"clouds? of (?:3d )?(?:dots|points)", r"laser[- ]scan\w*", r"3d (?:dots|points) from"),
    "recommendation": (r"what (?:\w+ )?to (?:watch|buy|read|listen to|click on)(?: or (?:what (?:\w+ )?to )?"
                       r"(?:watch|buy|read|listen to))? next",
                       r"(?:pick|choose|decide|select)\w* (?:which|what) (?:videos|posts|products|items|ads|songs|"
                       r"movies)", r"(?:videos|posts|products|items),? (?:\w+,? ){0,3}to show (?:each |every )?"
                       r"(?:user|person|customer)"),
    "retrieval-augmented generation|RAG": (
        r"search\w* (?:through |over |in )?(?:a |the |their |its )?(?:pile|collection|set|database|store|bunch|stack) "
        r"of (?:documents|texts|"
        r"files|notes|pages)", r"look[- ]it[- ]up[- ](?:then|and)[- ]answer",
        r"looks? (?:things |stuff |it )?up in (?:a |the )?(?:big |huge |large )?(?:pile|collection|set|database|store|"
        r"bunch|stack) of (?:documents|texts|files|notes|pages)",
        r"(?:fetch|retriev|pull|find)\w* (?:the )?(?:relevant )?(?:documents|passages|snippets) (?:first|before)",
        # ("a chatbot that first looks things up in my own documents and then answers", "look-up-then-answer")
        r"looks? (?:things |stuff |it |them )?up in (?:my|our|your|their|its) (?:own )?(?:\w+ )?(?:documents|docs|"
        r"files|notes|pdfs|knowledge base)", r"look[- ]up[- ](?:then|and)[- ]answer"),
    "long-term memory": (r"(?:lasting|long[- ]lasting|long[- ]term|persistent) memor(?:y|ies)",
                         r"remember\w* what (?:i|users?|you|people) (?:told|said to) it"),
    "serverless|cold start": (r"pay[- ]per[- ]use (?:cloud )?functions?", r"cloud functions", r"scale[- ]from[- ]zero",
                              r"functions?[- ]as[- ]a[- ]service",
                              # ("spinning up a model server takes forever", "that start-up delay")
                              r"spin\w* up (?:a |the |an |new )?(?:\w+ ){0,2}(?:server|instance|replica|engine)s?",
                              r"start[- ]?up (?:delay|time|latency|wait)s?",
                              r"(?:copy\w*|load\w*|mov\w*) (?:huge |large |big |whole )?models? (?:on ?to|to|into) "
                              r"(?:new|fresh) (?:machines|servers|instances|gpus)",
                              # ("how long it takes to get a chatbot server up and running from scratch")
                              r"(?:get|gets|getting|bring|brings|bringing) (?:a |the |an )?(?:\w+ ){0,2}(?:server|"
                              r"instance|service|engine)s? up and running"),
    # (a step no paper is on: read as its term, it is said missing rather than answered with the decoding papers;
    # "the step that chops my text into little word pieces before the model reads it")
    "tokenization": (r"chop\w* (?:\w+ ){0,3}?(?:text|words|sentences|prompts?) into (?:\w+ ){0,3}?(?:pieces|bits|"
                     r"tokens|subwords)",
                     r"split\w* (?:\w+ ){0,3}?(?:text|words|sentences|prompts?) into (?:\w+ ){0,3}?(?:word pieces|"
                     r"subwords|tokens)"),
    "kernels": (r"low[- ]level (?:[\w-]+ ){0,2}?(?:routines|code|functions|programs)",  # ("low-level speed-tuned code")
                r"number[- ]crunching (?:routines|code|functions|programs)",
                # ("the low-level, performance-critical code that runs on graphics cards and AI chips")
                r"low[- ]level, (?:[\w-]+ ){1,2}(?:routines|code|functions|programs)",
                r"code (?:that )?runs? (?:directly )?on (?:the |a )?(?:gpus?|graphics cards?|accelerators?|ai chips)"),
    "LLM agents": (r"(?:ai|llm)[- ](?:coding|programming) (?:assistants?|agents?|tools?)",
                   # ("Can AI assistants like ChatGPT write or speed up ... code ... all by themselves?")
                   r"(?:ai|llm) (?:assistants?|models?|chatbots?) (?:like|such as) chatgpt",
                   # ("can an AI write the low-level code for graphics cards by itself?")
                   r"(?:an? |the )(?:ai|llm|chatbot)s? (?:\w+ ){0,2}(?:write|writes|writing|generat\w+) "
                   r"(?:the |its |their )?(?:[\w-]+ ){0,2}code"),
    "ternary": (r"(?:just |only |either )?-1,? 0,? (?:or|and) \+?1\b", r"(?:one of )?three (?:possible )?values"),
    "read-only memory": (r"written once at the factory", r"(?:baked|burned|burnt|hard[- ]?wired|etched) (?:\w+ ){0,4}"
                         r"(?:into|in) (?:the )?(?:chip|silicon|memory|hardware)"),
    # (not a budget: "under a fixed memory budget" is a constraint, not memory that stops growing)
    "constant-memory": (r"(?:fixed|constant|bounded) (?:amount of |size of )?memory(?![- ](?:budget|capacity|limit))",
                        r"memory that (?:does not|doesn['’]t|never) grow",
                        r"memory (?:no longer|does not|doesn['’]t|never) grows?\b"),
    "eBPF": (r"(?:linux|kernel)['’]?s? (?:built[- ]in )?(?:tracing|instrumentation) hooks",),
    "overlap communication computation": (r"(?:while|as) (?:the )?data (?:is )?(?:still )?(?:in flight|moving|"
                                          r"being sent|travel\w*)", r"idle (?:\w+ ){0,3}wait\w* for (?:the )?data",
                                          r"hid(?:e|es|ing) (?:the )?(?:communication|transfers?|data movement)"),
    "compiler": (r"turn\w* (?:\S+ ){0,3}(?:code|programs?) into (?:\S+ ){0,3}(?:instructions|machine code)",),
    "privacy": (r"(?:protect\w*|keep\w*|hid(?:e|es|ing)|leak\w*|expos\w*|safeguard\w*) (?:\S+ ){0,2}(?:personal|"
                r"private|sensitive) (?:data|information|inputs)",),
    "graph|GNN": (r"networks? of connected", r"who[- ]follows[- ]whom", r"atoms and bonds",
                  r"who (?:is|are) (?:linked|connected) to whom", r"webs? of connections",
                  r"connected (?:things|entities|nodes)", r"network[- ]shaped data",
                  r"dots (?:joined|connected|linked) by (?:links|lines|edges)"),
    "SLO": (r"response[- ]time (?:promises|deadlines|targets|guarantees|goals)", r"latency (?:targets|deadlines|"
            r"promises|guarantees)"),
    "TTFT": (r"(?:time (?:to|until|before) )?(?:the )?first (?:word|token) (?:appears|within|comes)",
             r"start\w* (?:replying|responding|answering|to reply|to respond|to answer|talking) (?:sooner|faster|"
             r"quicker|more quickly|earlier)",
             # ("the very first word takes ages to show up", "making that first bit of the answer appear sooner")
             r"first (?:word|token|bit|part|piece|chunk)s?(?: of (?:the|an?|its|my|their) (?:answer|reply|response|"
             r"output))? (?:\w+ ){0,4}(?:show(?:s|ing)? up|appear\w*|arriv\w*|pops? up|com(?:e|es|ing) out)"),
    "benchmark": (r"test (?:collections?|suites?|sets?)", r"standard tasks? to compare"),
    # ("the few heads that are good at looking things up")
    "retrieval heads": (r"heads? (?:that (?:are|is) )?good at (?:looking (?:things )?up|finding|retrieving|fetching)",
                        r"heads? that (?:look|looks|fetch|fetches|find|finds|retrieve|retrieves) (?:things |facts |"
                        r"information )?(?:up|back)?"),
    # ("a trick used only while generating, no retraining"; how, not what: see QUALIFIERS)
    "training-free": (r"(?:no|without(?: any)?) (?:re-?training|retrain\w*)\b",),
    # ("will it suddenly start giving different answers?", "training runs aren't bit-for-bit reproducible")
    "non-determinism|drift": (r"(?:giv\w*|produc\w*|return\w*|get\w*) (?:\w+ ){0,2}different (?:answers|outputs|"
                              r"results|responses|replies)", r"bit[- ]for[- ]bit",
                              r"bit[- ]?(?:wise|exact)(?:ly)? reproduc\w*"),
    "prefix|prefix caching|reuse": (r"shared (?:opening|beginning|start|preamble|prefix)", r"(?:begin|begins|start|"
                                    r"starts|open|opens) with the same (?:long )?(?:instructions|system prompt|"
                                    r"preamble|retrieved documents|text)",
                                    r"redo(?:ing)? the (?:same )?work",
                                    r"reus\w* (?:the )?(?:stored|saved|cached|earlier|previous|already[- ]done) "
                                    r"(?:work|computation|results)",
                                    r"work (?:\w+ ){0,2}already done on (?:common|shared|repeated|the same) "
                                    r"(?:prompts|inputs|text)"),
    "quantization|low-bit|FP8": (r"fewer (?:bits|digits|decimal places)",
                                 r"(?:coarser|lower)[- ](?:precision|resolution) numbers",
                                 r"lower numeric(?:al)? precision", r"smaller number formats"),
}

# each term's words, how a question writes them (the term as a word: "slow" is no SLO, "graphics" no graph), and
# how it describes them
_COMPILED = [(term.split("|"),
              re.compile("|".join(rf"(?<!\w){re.escape(t)}s?(?!\w)" for t in term.split("|")), re.I),
              re.compile(r"\b(?:" + "|".join(forms) + r")", re.I)) for term, forms in DESCRIBED.items()]


def read_concepts(text: str) -> tuple[str, set[str], list[str]]:
    """``text`` with the papers' term written after each description of a concept it holds ("on separate GPU
    pools" -> "on separate GPU pools (disaggregation)"), unless the text already writes the term; and the
    (lower-case) words of the descriptions read: words no paper may write, that the question is understood by all
    the same ("electricity" of "use less electricity"); and the terms written."""
    described: set[str] = set()
    terms: list[str] = []
    for said, written, pattern in _COMPILED:
        if written.search(text):
            continue
        m = pattern.search(text)
        if m:
            end = m.end()
            # (after the word the description ends in: "dies", "SSD-based")
            while end < len(text) and (text[end].isalnum() or text[end] == "-" and text[end + 1:end + 2].isalnum()):
                end += 1
            described |= {w.lower() for w in re.findall(r"[\w-]+", text[m.start():end])}
            text = f"{text[:end]} ({', '.join(said)}){text[end:]}"
            terms += said
    return text, described, terms
