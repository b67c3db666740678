package extract

import "github.com/newsfacts/newsfacts/internal/gazetteer"

// feature is what the gazetteer says about the phrase starting at one token. The rules ask
// the same questions of a token many times; asking the gazetteer once per token keeps the
// cost per token constant.
type feature struct {
	name                                gazetteer.EntryRef // 0 for none
	nameN, title, head, ex, event, verb int8
}

// computeFeatures fills d.feat for every token. Only the tokens newTextWith found to begin a
// name or a phrase of some list (sc.cand) can have a feature: most tokens are not visited.
func (d *text) computeFeatures() {
	d.feat = take(d.sc.feat, len(d.toks))
	for _, k := range d.sc.cand {
		i := int(k)
		f := &d.feat[i]
		t := &d.toks[i]
		// Every name the gazetteer holds that matters starts with a capital letter, so
		// lower-case words and punctuation skip the look-up.
		if t.Kind == gazetteer.Word && t.cap && d.g.Info(d.kid[i]).Name {
			if r, n := d.g.NameRefAt(d.kid, i); n > 0 {
				f.name, f.nameN = r, int8(n)
			}
		}
		if t.Kind == gazetteer.Punct {
			continue
		}
		st := d.g.Info(d.lid[i]).Starts
		if st == 0 {
			continue
		}
		if st&gazetteer.StartsTitle != 0 {
			f.title = int8(d.g.TitleAt(d.lid, i))
		}
		if st&gazetteer.StartsHead != 0 {
			f.head = int8(d.g.HeadAt(d.lid, i))
		}
		if st&gazetteer.StartsExercise != 0 {
			f.ex = int8(d.g.ExerciseWordAt(d.lid, i))
		}
		if st&gazetteer.StartsEvent != 0 {
			f.event = int8(d.g.EventWordAt(d.lid, i))
		}
		// Speech verbs are lower case in running text: "States" in "United States" is no verb.
		if st&gazetteer.StartsVerb != 0 && !t.cap {
			f.verb = int8(d.g.SpeechVerbAt(d.lid, i))
		}
	}
}

func (d *text) ft(i int) feature {
	if i < 0 || i >= len(d.feat) {
		return feature{}
	}
	return d.feat[i]
}

// nameAtTok returns the gazetteer name starting at token i and its length in tokens.
func (d *text) nameAtTok(i int) (gazetteer.Entry, int) {
	f := d.ft(i)
	if f.name == 0 {
		return gazetteer.Entry{}, 0
	}
	return *d.g.EntryOf(f.name), int(f.nameN)
}

func (d *text) titleLen(i int) int { return int(d.ft(i).title) }
func (d *text) headLen(i int) int  { return int(d.ft(i).head) }
func (d *text) exLen(i int) int    { return int(d.ft(i).ex) }
func (d *text) eventLen(i int) int { return int(d.ft(i).event) }
func (d *text) verbLen(i int) int  { return int(d.ft(i).verb) }

// purposeCue returns the number of tokens of a purpose cue ("aims to") at token i.
func (d *text) purposeCue(i int) int {
	if d.lw(i).Starts&gazetteer.StartsCue == 0 {
		return 0
	}
	return d.g.PurposeCueAt(d.lid, i)
}
