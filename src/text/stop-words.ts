/**
 * Our own English stop-word list (function words only; no topic-bearing words such as "war" or "state").
 * Kept here rather than taken from `natural`, whose list is module-wide state that any caller can change.
 * Compared against the lower-cased surface form, before stemming.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't arent as at be because been before being below
between both but by can cannot could couldn't couldnt did didn't didnt do does doesn't doesnt doing don't dont down
during each either else ever few for from further had hadn't hadnt has hasn't hasnt have haven't havent having he he'd
he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't isnt
it it's its itself just let's me more most mr mrs ms much must mustn't my myself neither no nor not now of off on once
only or other ought our ours ourselves out over own per same shall shan't she she'd she'll she's should shouldn't so
some such than that that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those though through thus to too under until up upon us very via was wasn't wasnt we we'd we'll we're
we've were weren't what what's when when's where where's whether which while who who's whom whose why why's will with
within without won't wont would wouldn't wouldnt yet you you'd you'll you're you've your yours yourself yourselves
said says say saying told tell one two three also s t d ll m o re ve y`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
