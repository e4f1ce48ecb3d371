/** Prompts the demo routes: a working day's mix, from small talk to expert questions. */
export const DEMO_PROMPTS: readonly string[] = [
	'Hi there!',
	'What time is it in Tokyo?',
	'Thanks, that was helpful.',
	'Translate "good morning" into Italian.',
	'Write a Python function that checks whether a number is prime.',
	'Summarize in two sentences why the Roman Empire split in two.',
	'¿Cuál es la diferencia entre un virus y una bacteria?',
	'Write a SQL query that lists each department with its average salary, highest first, and explain it.',
	'Draft a friendly email telling a customer their order will arrive three days late, and offer a discount.',
	'Compare PostgreSQL and MongoDB for a small e-commerce site, covering schema design, transactions and hosting costs.',
	'Implement a React component with state and tests: a shopping cart with quantities, totals and a remove button.',
	'Design the architecture of a ride-sharing backend: services, data model, matching algorithm, payments and how it scales to a million riders.',
	'Review this employment contract for risks to the employee and suggest changes to the non-compete and IP clauses.',
	'Prove that there are infinitely many primes, then show that the sum of the reciprocals of the primes diverges.',
	'Design a multi-region, strongly consistent payment ledger. Explain the consensus protocol, how you handle partitions and clock skew, and prove that no payment is applied twice.',
];
