/*
Word lists behind the structural signals. They are run through the tokenizer when loaded, so each entry
matches whatever the tokenizer makes of it (the stem of an English word, a bigram of a Chinese one). The TF-IDF
centroids learn vocabulary from the seed corpus; these lists carry what a few hundred seed prompts cannot: that
"prove" or "linearizability" signals depth in any topic, and that "include" or "ensure" adds a requirement.
*/

/** A named group of words whose occurrences in a prompt are counted as one signal. */
export const LEXICONS = {
	/** Verbs that ask for something: each occurrence is roughly one more ask. */
	action: `write implement explain describe list compare design create build analyze analyse evaluate prove derive
		calculate compute summarize summarise translate add provide discuss outline suggest recommend identify optimize
		optimise refactor test document estimate propose draft review fix convert solve find show give make generate
		plan develop define interpret assess rewrite model simulate prepare construct investigate critique justify
		diseña explica escribe analiza demuestra compara crea redacta desarrolla conçois explique écris analyse démontre
		compare rédige élabore propose erkläre schreibe analysiere beweise vergleiche entwickle erstelle bewerte
		spiega scrivi analizza dimostra progetta proponi explique escreva analise demonstre projete elabore avalie
		设计 解释 分析 证明 比较 编写 推导 说明 设計 説明 分析 証明 比較 作成 提案 実装 評価`,
	/** Words that add a requirement or a constraint to the task. */
	constraint: `must should ensure without include including handle handles support supports cover covering each every
		both requirement requirements constraint constraints guarantee guarantees within limit limits least most
		strictly exactly only avoid keep maintain preserve while account accounting considering
		incluyendo cada incluye inclusive chaque y compris inklusive jeweils einschließlich includendo incluindo 包括 含め`,
	/** Words asking for depth: design, trade-offs, rigour, a whole plan. */
	depth: `architecture tradeoff tradeoffs trade-off trade-offs scalable scalability robust production comprehensive
		detailed thorough in-depth strategy methodology framework implications rigorous rigorously critically
		systematic end-to-end migration integration performance security reliability concurrency consistency
		availability latency throughput optimization roadmap risk risks mitigation mitigations evaluation
		end-to-end holistic extensive exhaustive in-depth multi-step step-by-step workflow lifecycle governance
		stakeholders phased rollout benchmark benchmarks observability resilience failover compliance
		arquitectura estrategia architecture stratégie architektur strategie architettura strategia arquitetura
		架构 策略 戦略 設計`,
	/** Words of specialist, research-level or high-stakes work. */
	expert: `prove proof theorem lemma formal formally formalize axiom linearizability linearizable byzantine consensus
		paxos raft partition partitions asymptotic convergence stochastic differential diagnosis pathophysiology
		jurisdiction jurisdictions litigation precedent doctrine cryptographic side-channel fault-tolerant invariant
		invariants equilibrium identification estimator estimators causal counterexample decidable undecidable
		eigenvalue eigenvalues hilbert manifold topology quantum renormalization exactly-once lock-free wait-free
		atomics deoptimization compiler kernel numa jepsen tla+ model-checker variational posterior bayesian
		hierarchical heteroskedasticity endogeneity instrumental randomized non-inferiority pharmacokinetics
		contraindications refractory antitrust jurisprudence constitutionality amortized asymptotically adversarial
		allocator cohort confounding covariance crdt deadlock determinism ergodic federated homomorphism homomorphisms
		idempotent isomorphism lattice martingale monotonic nonlinear np-hard orthogonal pharmacodynamics provable
		provably quorum replication sharding spectral tensor topological vectorization zero-knowledge
		differential-privacy linearizable serializable serializability verification verify theorem-proving
		biomarker biomarkers etiology prognosis comorbidities contraindicated pharmacological histopathology
		arbitration tort torts indemnity sovereign fiduciary statutory precedents cross-border
		derivative-pricing volatility stochastic-volatility hedging calibration econometric identification
		thermodynamic quantum-mechanical relativistic perturbation perturbative eigenstates hamiltonian
		demuestra démontre beweise dimostra
		demonstre bizantino byzantin consenso konsens 证明 推导 定理 証明`,
	/** Words that keep the answer short. */
	brevity: `brief briefly short shortly quick quickly simple simply one-line one-sentence sentence sentences
		summary tl;dr concise concisely few breve brevemente corto corta court courte brièvement kurz knapp
		简单 简短 一句 簡単 短く`,
	/** Greetings, thanks and small talk. */
	greeting: `hi hello hey hiya thanks thank cheers bye goodbye morning evening night ok okay lol cool great sorry
		hola gracias adiós bonjour merci salut hallo danke tschüss ciao grazie olá obrigado obrigada
		你好 谢谢 再见 こんにちは ありがとう おはよう`,
	code: `code function class method variable bug debug compile python javascript typescript java kotlin rust go golang
		c++ c# sql query api endpoint http json regex git docker kubernetes react vue node npm script bash library
		framework database index schema unit integration algorithm array string loop recursion thread async await
		backend frontend deploy server client`,
	maths: `equation solve integral derivative probability matrix vector proof theorem calculate percent fraction
		algebra geometry calculus statistics mean median variance formula sum product prime polynomial logarithm`,
	medical: `patient diagnosis symptom symptoms treatment dose dosage clinical disease therapy drug medication
		doctor hospital blood pressure infection chronic acute syndrome trial surgery cancer diabetes cardiac
		paciente síntomas tratamiento patient symptômes traitement patient behandlung symptome paziente sintomi
		paciente sintomas 患者 症状 治疗 診断 治療`,
	legal: `contract clause law legal court liability statute jurisdiction gdpr compliance agreement lawsuit attorney
		lawyer tenant landlord license licence copyright trademark patent regulation regulatory litigation
		contrato ley cláusula contrat droit juridique vertrag recht gesetz contratto legge direito lei 法律 合同 契約 法律`,
	finance: `investment invest portfolio tax loan interest valuation revenue profit margin budget stock bond fund
		mortgage credit debt equity cash flow dividend inflation pricing price cost costs financial accounting`,
	science: `physics chemistry biology experiment hypothesis energy molecule cell gene protein climate atom quantum
		gravity evolution species photosynthesis reaction thermodynamics`,
} as const;

export type LexiconName = keyof typeof LEXICONS;

export const LEXICON_NAMES = Object.keys(LEXICONS) as LexiconName[];
