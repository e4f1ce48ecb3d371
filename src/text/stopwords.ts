/*
Function words that carry no sign of how hard a prompt is. Words that add a requirement ("should", "each",
"both", "only", "most", "while") stay out of this list: they feed the constraint signal. Besides English, the
commonest function words of the other languages in the seed corpus are here: left in, they would tie every
Spanish or German prompt to whichever tier the seed prompts in that language happen to have.
*/
const english = `a about above after again against all am an and any are aren't as at be because been before being below between
but by can can't cannot could couldn't did didn't do does doesn't doing don't down during few for from further
had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more mustn't my myself no nor not of
off on once or other ought our ours ourselves out over own same shan't she she'd she'll she's shouldn't so some
such than that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what
what's when when's where where's which who who's whom why why's with won't would wouldn't you you'd you'll
you're you've your yours yourself yourselves also just please us get got im dont`;

const spanish = `el la los las un una unos unas de del al y o que en es por con para se su sus lo como más pero ya
me mi te tu le les este esta estos estas ese esa eso hay muy sin sobre también entre cuando donde qué cómo`;

const french = `le la les un une des du de et ou que qui en est pour par avec dans sur se sa son ses au aux ce cette
ces il elle ils elles nous vous je tu ne pas plus mais ou est-ce c'est qu'est-ce très aussi comme`;

const german = `der die das den dem des ein eine einen einem einer und oder ist sind war für mit von zu im in auf
an am es er sie wir ihr ich du nicht auch wie was wer als bei aus nach um dass sich`;

const portugueseItalian = `o os as um uma uns umas do da dos das no na nos nas em por com para é são ao à e ou
que se seu sua il lo gli i di del della che non per con una sono è`;

/** Lower-case stopwords of English, Spanish, French, German, Portuguese and Italian. */
export const STOPWORDS: ReadonlySet<string> = new Set(
	[english, spanish, french, german, portugueseItalian].join(' ').split(/\s+/u).filter(word => word.length > 0),
);
