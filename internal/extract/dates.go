package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// saidOn resolves a day named in tokens [a, b) against the published date: "on Wednesday" is
// the latest Wednesday on or before it, "yesterday" the day before. Nil when nothing resolves.
func (d *text) saidOn(a, b int) *facts.Date {
	pub := d.meta.PublishedAt
	if pub == nil {
		return nil
	}
	// An attribution's words are looked at one by one: each test is one look at the
	// gazetteer's records of the token.
	for i := max(a, 0); i < b && i < len(d.toks); i++ {
		w := d.g.Info(d.tid[i])
		if w.IsWeekday {
			wd := w.Weekday
			back := (int(pub.Time().Weekday()) - int(wd) + 7) % 7
			day := daysBefore(*pub, back)
			return &day
		}
		if r := d.lw(i).Roles; r&gazetteer.RolePresentDayWords != 0 {
			day := *pub
			return &day
		} else if r&gazetteer.RolePreviousDayWords != 0 {
			day := pub.AddDays(-1)
			return &day
		}
		if m := w.Month; m != 0 && d.inR(i-1, gazetteer.RoleDayPrepositions) {
			if n, err := strconv.Atoi(d.tx(i + 1)); err == nil && n >= 1 && n <= 31 {
				day := facts.Date{Year: pub.Year, Month: m, Day: n}
				if day.Time().Month() == m {
					return &day
				}
			}
		}
	}
	return nil
}

// daysBefore is day.AddDays(-n) for 0 <= n < 7, without time's calendar arithmetic when the
// day stays in its month: a day from 1 to 28 is in every month, so the result is plain.
func daysBefore(day facts.Date, n int) facts.Date {
	if time.January <= day.Month && day.Month <= time.December && n < day.Day && day.Day <= 28 {
		day.Day -= n
		return day
	}
	return day.AddDays(-n)
}

// atom is a piece of a date expression: a word, a number or a dash, with the token it came
// from. Tokens such as "mid-August" and "30-September" are split into atoms.
//
// An atom holds no pointer, like a token: its text is d.as(a) and its lower-case form d.al(a).
type atom struct {
	b0, b1 int32 // the text: bytes [b0, b1) of the body; b0 < 0 for "-" standing for a dash
	tok    int
	low    int32 // 0: the lower-case form is the token's (whole atoms) or d.low's bytes; else index+1 into d.atomLows
	// What the gazetteer says of the text, asked once per atom: the rules below test each
	// atom against several words and lists.
	month int8 // the time.Month the text names, 0 for none
	wd    int8 // 1 + the weekday the text names, 0 for none
	abbr  bool // the text is in the abbreviations list
	whole bool // the atom is all of its token
}

// as returns the text of an atom.
func (d *text) as(a atom) string {
	if a.b0 < 0 {
		return "-"
	}
	return d.body[a.b0:a.b1]
}

// al returns strings.ToLower of the text of an atom. (A whole token's lower-case form also
// straightens typographic apostrophes; no word the rules compare an atom with holds one.)
func (d *text) al(a atom) string {
	switch {
	case a.low > 0:
		return d.atomLows[a.low-1]
	case a.whole:
		return d.lo(a.tok)
	case a.b0 < 0:
		return "-"
	}
	// The body with ASCII capitals made small: the lower-case form of an ASCII part, and the
	// text of a part with no capital at all (partAtom).
	return d.low[a.b0:a.b1]
}

// asR and alR return the function-word lists that hold the text of an atom, and its
// lower-case form.
func (d *text) asR(a atom) gazetteer.Roles {
	switch {
	case a.b0 < 0:
		return 0
	case a.whole:
		return d.tw(a.tok).Roles
	}
	return d.g.Info(d.g.ID(d.as(a))).Roles
}

func (d *text) alR(a atom) gazetteer.Roles {
	switch {
	case a.b0 < 0:
		return 0
	case a.whole:
		return d.lw(a.tok).Roles
	}
	return d.g.Info(d.g.ID(d.al(a))).Roles
}

// partAtom is an atom that is part of token i: bytes [b0, b1) of the body, or "-" standing
// for a dash when b0 < 0. Its words are looked up here.
func (d *text) partAtom(i int, b0, b1 int32) atom {
	a := atom{b0: b0, b1: b1, tok: i}
	s := d.as(a)
	if !isASCII(s) { // an ASCII part's lower-case form is in d.low (al)
		if l := strings.ToLower(s); l != s {
			d.atomLows = append(d.atomLows, l)
			a.low = int32(len(d.atomLows))
		}
	}
	// One look-up answers for the month, the weekday and the abbreviations list.
	w := d.g.Info(d.g.ID(s))
	a.month = int8(w.Month)
	if w.IsWeekday {
		a.wd = int8(w.Weekday) + 1
	}
	a.abbr = w.Lists&gazetteer.ListAbbreviations != 0
	return a
}

// atomsOf splits tokens [from, to) into atoms.
// The slice is d.atoms, reused from call to call: no caller keeps it.
func (d *text) atomsOf(from, to int) []atom {
	if cap(d.atoms) < to-from+8 {
		d.atoms = make([]atom, 0, max(2*(to-from)+16, 64)) // a hyphenated word makes three
	}
	out := d.atoms[:0]
	d.atomLows = d.atomLows[:0]
	// Where the next '-' and the next byte 0xE2 are, at or after the token looked at (end:
	// none): a sentence has few, so they are looked for a few times, not at every word.
	end := 0
	if from < to {
		end = int(d.toks[to-1].b1)
	}
	nextHyphen, nextE2 := -1, -1
	for i := from; i < to; i++ {
		t := &d.toks[i]
		b0, b1 := int(t.b0), int(t.b1)
		if t.Kind != gazetteer.Word {
			if s := d.body[b0:b1]; s == "–" || s == "—" {
				out = append(out, d.partAtom(i, -1, -1))
				continue
			}
		} else {
			// Most words have no hyphen of any kind ('-', or the U+2010 and U+2011 that start
			// with the byte 0xE2): they are one atom, and splitting them allocates.
			if nextHyphen < b0 {
				nextHyphen = end
				if k := strings.IndexByte(d.body[b0:end], '-'); k >= 0 {
					nextHyphen = b0 + k
				}
			}
			if nextE2 < b0 {
				nextE2 = end
				if k := strings.IndexByte(d.body[b0:end], 0xE2); k >= 0 {
					nextE2 = b0 + k
				}
			}
			if nextHyphen < b1 || nextE2 < b1 {
				out = d.splitAtoms(out, i)
				continue
			}
		}
		// The atom of all of the token: what the gazetteer knows of it was looked up with the
		// token. (Written here, not by a function returning an atom: most atoms are whole
		// tokens, and the copies cost more than the rest.)
		w := d.g.Info(d.tid[i])
		out = append(out, atom{b0: t.b0, b1: t.b1, tok: i, month: int8(w.Month), abbr: w.Lists&gazetteer.ListAbbreviations != 0, whole: true})
		if w.IsWeekday {
			out[len(out)-1].wd = int8(w.Weekday) + 1
		}
	}
	d.atoms = out[:0]
	return out
}

// splitAtoms appends to out the atoms of word i, which has a hyphen: the parts between
// hyphens, as strings.FieldsFunc cuts them (no empty parts), with a "-" atom between two
// parts.
func (d *text) splitAtoms(out []atom, i int) []atom {
	text, b0, k := d.tx(i), int(d.toks[i].b0), 0
	for p := 0; p <= len(text); {
		r, n := utf8.DecodeRuneInString(text[p:])
		if p < len(text) && !(r == '-' || r == '‑' || r == '‐') {
			p += n
			continue
		}
		if p > k {
			if k > 0 && len(out) > 0 && out[len(out)-1].tok == i {
				out = append(out, d.partAtom(i, -1, -1))
			}
			out = append(out, d.partAtom(i, int32(b0+k), int32(b0+p)))
		}
		if p == len(text) {
			break
		}
		p += n
		k = p
	}
	return out
}

// dayMonth is a parsed "30 August", "Aug. 30", "August" (day 0) or "2023" (year only) piece.
type dayMonth struct {
	day   int
	month time.Month
	year  int
	n     int // atoms used
}

// dayNum reads a day of a month, "7", "07", "30th", or returns 0. It is strconv.Atoi after
// strings.TrimRight(s, "stndrh"), by hand: those two were some 250 instructions a number.
func dayNum(s string) int {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0
	}
	for len(s) > 0 && strings.IndexByte("stndrh", s[len(s)-1]) >= 0 { // 1st, 2nd, 3rd, 30th
		s = s[:len(s)-1]
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0
		}
		n = min(n*10+int(c), 32) // past 31 it stays past 31
	}
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

// yearNum reads a year from 1900 to 2100, or returns 0.
func yearNum(s string) int {
	if len(s) != 4 || s[0] < '1' || s[0] > '2' {
		return 0
	}
	n := 0
	for i := 0; i < 4; i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0
		}
		n = n*10 + int(c)
	}
	if n < 1900 || n > 2100 {
		return 0
	}
	return n
}

// parseDM reads a day-month at atoms[i].
func (d *text) parseDM(at []atom, i int) (dayMonth, bool) {
	get := func(k int) string {
		if k < len(at) {
			return d.as(at[k])
		}
		return ""
	}
	monthAt := func(k int) time.Month {
		if k < len(at) {
			return time.Month(at[k].month)
		}
		return 0
	}
	var r dayMonth
	if m := monthAt(i); m != 0 {
		r.month, r.n = m, 1
		k := i + 1
		if get(k) == "." && at[i].abbr {
			k++ // "Sept. 3"
		}
		if n := dayNum(get(k)); n > 0 && yearNum(get(k)) == 0 {
			r.day = n
			k++
		}
		if y := yearNum(get(k)); y > 0 {
			r.year = y
			k++
		} else if get(k) == "," && yearNum(get(k+1)) > 0 {
			r.year = yearNum(get(k + 1))
			k += 2
		}
		r.n = k - i
		return r, true
	}
	if n := dayNum(get(i)); n > 0 {
		if m := monthAt(i + 1); m != 0 {
			r = dayMonth{day: n, month: m, n: 2}
			if y := yearNum(get(i + 2)); y > 0 {
				r.year, r.n = y, 3
			}
			return r, true
		}
	}
	return r, false
}

// periodStarts are the lists of the words that start a reading of a period besides months,
// weekdays and numbers: "next month", "this week", "early May", "mid-June", "late August".
const periodStarts = gazetteer.RoleFollowingDeterminers | gazetteer.RoleCurrentDeterminers |
	gazetteer.RolePreviousDeterminers | gazetteer.RolePresentDayWords | gazetteer.RolePreviousDayWords |
	gazetteer.RoleEarlyWords | gazetteer.RoleMiddleWords | gazetteer.RoleLateWords

// period finds when an exercise happens in the sentence [from, to): a range of days ("August
// 30 to September 5", "1-7 September"), a part of a month ("late August" → 21-31), a month,
// or a time relative to the published date ("next month", "on Monday"). The most precise one
// wins; its rank (3 days, 2 part of a month, 1 month, 0 relative or a weekday) is returned with it. year is used when the text gives none (from the exercise's name, else the published
// date); without any year there is no period.
func (d *exerciseStage) period(from, to, year int) (*facts.Period, int, bool) {
	if !d.mayHaveDate(from, to) {
		return nil, -1, false
	}
	// The date of other drills after an aside is theirs.
	to = d.asideCut(from, to)
	at := d.atomsOf(from, to)
	var best *facts.Period
	bestRank := -1
	take := func(rank int, p *facts.Period) {
		if p != nil && rank > bestRank {
			best, bestRank = p, rank
		}
	}
	// The days a start or end word gives ("began Monday", "end on Friday", "concludes on 18
	// June"): with a length ("ten-day", "for 11 days") or each other they make a period.
	var startDay, endDay facts.Date
	startTok, endTok := -1, -1
	mark := func(tok, last int, day facts.Date) {
		if d.attrib[tok] {
			return
		}
		if d.endsBefore(tok) || d.verbBefore(tok, gazetteer.TermEndedWords) {
			endDay, endTok = day, last
		} else if d.verbBefore(tok, gazetteer.TermStartWords) {
			startDay, startTok = day, tok
		}
	}
	for i := 0; i < len(at); i++ {
		// Every reading below starts at a month, a weekday, a number or a word of the
		// periodStarts lists: any other atom is passed over at once, most of them at their
		// first byte (no other character folds to an ASCII letter that starts one of the
		// words).
		if a := &at[i]; a.month == 0 && a.wd == 0 && !(a.b0 >= 0 && '0' <= d.body[a.b0] && d.body[a.b0] <= '9') {
			if a.b0 < 0 || !d.g.MayStartRole(d.body[a.b0]|0x20, periodStarts) {
				continue
			}
			if d.alR(*a)&periodStarts == 0 {
				continue
			}
		}
		r := d.alR(at[i])
		// relativePeriod reads only "next …", "this …" and "last …".
		if r&(gazetteer.RoleFollowingDeterminers|gazetteer.RoleCurrentDeterminers|gazetteer.RolePreviousDeterminers) != 0 {
			if p := d.relativePeriod(at, i); p != nil {
				take(0, p)
				continue
			}
		}
		// "began on Monday": the day against the published date; "will begin on Monday"
		// looks forward.
		// "began Monday", "ended Friday": American copy drops the preposition after a verb of
		// starting or ending.
		if at[i].wd > 0 && i > 0 && (d.alR(at[i-1])&(gazetteer.RoleDayPrepositions|gazetteer.RolePreviousDeterminers) != 0 || at[i-1].whole && d.inL(at[i-1].tok, gazetteer.ListParticipation|gazetteer.ListEndWords)) && d.meta.PublishedAt != nil {
			wd := time.Weekday(at[i].wd - 1)
			pub := *d.meta.PublishedAt
			// "which end on Friday", "begins on Monday": an end or start word in the present
			// looks forward.
			future := d.endsBefore(at[i].tok) || d.inTerm(at[i].tok-1, gazetteer.TermPresentStartWords) || d.inTerm(at[i].tok-2, gazetteer.TermPresentStartWords)
			for k := i - 1; k >= 0 && i-k <= 8; k-- {
				if d.alR(at[k])&gazetteer.RoleFutureAuxiliaries != 0 {
					future = true
				}
			}
			last := d.alR(at[i-1])&gazetteer.RolePreviousDeterminers != 0 // "last Monday": never the day of publication
			var day facts.Date
			switch {
			case last:
				day = daysBefore(pub, (int(pub.Time().Weekday())-int(wd)+6)%7+1)
			case future:
				day = pub.AddDays((int(wd) - int(pub.Time().Weekday()) + 7) % 7)
			default:
				day = daysBefore(pub, (int(pub.Time().Weekday())-int(wd)+7)%7)
			}
			if !d.attrib[at[i].tok] { // "…, the ministry said on Monday" dates the saying
				take(0, d.mkPeriod(at[i-1].tok, at[i].tok, day, day))
				if !last {
					mark(at[i].tok, at[i].tok, day)
				}
			}
			continue
		}
		// "started yesterday", "concluded today"; not "…, the ministry said today".
		if r&(gazetteer.RolePresentDayWords|gazetteer.RolePreviousDayWords) != 0 && d.meta.PublishedAt != nil {
			day := *d.meta.PublishedAt
			if r&gazetteer.RolePreviousDayWords != 0 {
				day = daysBefore(day, 1)
			}
			if !d.attrib[at[i].tok] {
				take(0, d.mkPeriod(at[i].tok, at[i].tok, day, day))
			}
			continue
		}
		// "early/mid/late August"
		if r&(gazetteer.RoleEarlyWords|gazetteer.RoleMiddleWords|gazetteer.RoleLateWords) != 0 {
			k := i + 1
			if k < len(at) && d.as(at[k]) == "-" {
				k++
			}
			if k < len(at) && d.asR(at[k])&gazetteer.RoleComplementPrepositions != 0 {
				k++
			}
			if dm, ok := d.parseDM(at, k); ok && dm.day == 0 {
				y := pick(dm.year, year)
				if y == 0 {
					continue
				}
				a, b := 1, 10
				switch {
				case r&gazetteer.RoleMiddleWords != 0:
					a, b = 11, 20
				case r&gazetteer.RoleLateWords != 0:
					a, b = 21, daysIn(y, dm.month)
				}
				take(2, d.mkPeriod(at[i].tok, at[k+dm.n-1].tok, facts.Date{Year: y, Month: dm.month, Day: a}, facts.Date{Year: y, Month: dm.month, Day: b}))
				continue
			}
			continue
		}
		dm, ok := d.parseDM(at, i)
		if !ok {
			// "1-7 September", "30 August-5 September" start with a bare day.
			if n := dayNum(d.as(at[i])); n > 0 && i+2 < len(at) && (d.as(at[i+1]) == "-" || d.asR(at[i+1])&gazetteer.RoleRangeConjunctions != 0) {
				if dm2, ok := d.parseDM(at, i+2); ok && dm2.day > 0 {
					y := pick(dm2.year, year)
					if y == 0 {
						continue
					}
					take(3, d.mkPeriod(at[i].tok, at[i+2+dm2.n-1].tok, facts.Date{Year: y, Month: dm2.month, Day: n}, facts.Date{Year: y, Month: dm2.month, Day: dm2.day}))
					continue
				}
			}
			continue
		}
		// "May" alone is too often the verb; it needs a day, a year or "in" before it.
		if dm.month == time.May && dm.day == 0 && dm.year == 0 && !(i > 0 && d.alR(at[i-1])&gazetteer.RoleMonthPrepositions != 0) {
			continue
		}
		j := i + dm.n
		// "until May 10": from the published day, if it comes first.
		if i > 0 && d.alR(at[i-1])&gazetteer.RoleRangeEndPrepositions != 0 && dm.day > 0 && d.meta.PublishedAt != nil {
			pub := *d.meta.PublishedAt
			end := facts.Date{Year: pick(dm.year, pub.Year), Month: dm.month, Day: dm.day}
			if !end.Before(pub) {
				take(1, d.mkPeriod(at[i-1].tok, at[j-1].tok, pub, end))
			}
			if !d.attrib[at[i].tok] {
				endDay, endTok = end, at[j-1].tok
			}
			continue
		}
		// A range: "August 30 to September 5", "Aug. 30-Sept. 5", "August 1-7", "from 1 to 7 August".
		if j+1 < len(at) && (d.as(at[j]) == "-" || d.asR(at[j])&(gazetteer.RoleRangeConjunctions|gazetteer.RoleRangeEndPrepositions) != 0) && dm.day > 0 {
			// k is the range word, or the comma after a weekday that follows it ("From Saturday,
			// November 14 to Thursday, November 19": the weekday is passed over); j stays for a
			// single day when no second date follows ("from November 14 to Sunday, the navy said").
			k := j
			if k+3 < len(at) && at[k+1].wd > 0 && d.as(at[k+2]) == "," {
				k += 2
			}
			if dm2, ok := d.parseDM(at, k+1); ok && dm2.day > 0 {
				y := pick(dm.year, pick(dm2.year, year))
				if y == 0 {
					continue
				}
				start := facts.Date{Year: y, Month: dm.month, Day: dm.day}
				end := facts.Date{Year: pick(dm2.year, y), Month: dm2.month, Day: dm2.day}
				if end.Before(start) {
					end.Year++
				}
				take(3, d.mkPeriod(at[i].tok, at[k+1+dm2.n-1].tok, start, end))
				continue
			}
			if n := dayNum(d.as(at[k+1])); n >= dm.day {
				y := pick(dm.year, year)
				if y == 0 {
					continue
				}
				take(3, d.mkPeriod(at[i].tok, at[k+1].tok, facts.Date{Year: y, Month: dm.month, Day: dm.day}, facts.Date{Year: y, Month: dm.month, Day: n}))
				continue
			}
		}
		y := pick(dm.year, year)
		if y == 0 {
			continue
		}
		if dm.day > 0 {
			day := facts.Date{Year: y, Month: dm.month, Day: dm.day}
			take(3, d.mkPeriod(at[i].tok, at[j-1].tok, day, day))
			if plainDay(day) {
				mark(at[i].tok, at[j-1].tok, day)
			}
			continue
		}
		take(1, d.mkPeriod(at[i].tok, at[j-1].tok, facts.Date{Year: y, Month: dm.month, Day: 1}, facts.Date{Year: y, Month: dm.month, Day: daysIn(y, dm.month)}))
		continue
	}
	// "began Monday … through Aug. 26", "The ten-day drills, which end on Friday", "began on
	// Monday and will last two weeks": a start and an end, or either with a length.
	if startTok >= 0 || endTok >= 0 {
		var p *facts.Period
		n, la, lb := d.lengthIn(from, to)
		switch {
		case startTok >= 0 && endTok >= 0:
			if endDay.Before(startDay) && at0(at, endTok).wd > 0 {
				endDay = endDay.AddDays(7) // "begins on Monday and ends on Friday", said on a Wednesday
			}
			p = d.mkPeriod(min(startTok, endTok), max(startTok, endTok), startDay, endDay)
		case endTok >= 0 && n > 1:
			p = d.mkPeriod(min(la, endTok), max(lb, endTok), endDay.AddDays(1-n), endDay)
		case startTok >= 0 && n > 1:
			p = d.mkPeriod(min(la, startTok), max(lb, startTok), startDay, startDay.AddDays(n-1))
		}
		if p != nil {
			best, bestRank = p, 3
		}
	}
	// A start day alone ("launched the exercise on 3 March"): a length a sentence on may end it.
	started := startTok >= 0 && best != nil && best.Start == startDay && best.End == startDay
	return best, bestRank, started
}

// at0 returns the atom of token tok, or an empty atom.
func at0(at []atom, tok int) atom {
	for _, a := range at {
		if a.tok == tok {
			return a
		}
	}
	return atom{}
}

// endsBefore reports whether one of the two tokens before token i is an end word: "end on
// Friday", "concludes on 18 June", "through Aug. 26".
func (d *text) endsBefore(i int) bool {
	return d.inL(i-1, gazetteer.ListEndWords) || d.inL(i-2, gazetteer.ListEndWords)
}

// verbBefore reports whether a word of the Terms list t comes a few tokens before token i in
// its clause (no comma between): "began Monday", "opened on July 5", "launched the Coral Tern exercise on 3
// March", "concluded on Sunday".
func (d *text) verbBefore(i int, t gazetteer.Terms) bool {
	for k := i - 1; k >= 0 && i-k <= 10 && !d.is(k, ",") && !d.is(k, ";") && !d.endAt(k); k-- {
		if d.inTerm(k, t) {
			return true
		}
	}
	return false
}

// lengthIn returns the length in days that tokens [from, to) give, and the tokens that give
// it: "ten-day", "10-day", "two-week", "for 11 days", "will last two weeks"; 0 for none.
func (d *text) lengthIn(from, to int) (n, a, b int) {
	for i := from; i < to; i++ {
		w := d.tx(i)
		if h := strings.IndexByte(w, '-'); h > 0 && d.toks[i].Kind == gazetteer.Word {
			if n := d.count(w[:h]) * d.unitDays(d.lowerID(w[h+1:])); n > 0 {
				return n, i, i
			}
			// "week-long": one unit.
			if n := d.unitDays(d.lowerID(w[:h])); n > 1 {
				return n, i, i
			}
			continue
		}
		// "week-long" as three tokens: one unit.
		if u := d.unitDays(d.lid[i]); u > 1 && i+2 < to && d.is(i+1, "-") && d.toks[i+1].Start == d.toks[i].End {
			return u, i, i + 2
		}
		c := d.count(w)
		if c == 0 || i+1 >= to {
			continue
		}
		u := i + 1
		if d.is(u, "-") && d.toks[u].Start == d.toks[i].End && u+1 < to {
			u++ // "10 - day" as three tokens
		}
		if n := c * d.unitDays(d.lid[u]); n > 0 {
			return n, i, u
		}
	}
	return 0, -1, -1
}

// count returns the number a word or numeral names ("ten", "11"), 0 for none or above 99.
func (d *text) count(w string) int {
	if n, ok := d.g.Number(w); ok {
		return n
	}
	if len(w) == 0 || len(w) > 2 || !isDigitByte(w[0]) || !isDigitByte(w[len(w)-1]) {
		return 0
	}
	n, _ := strconv.Atoi(w)
	return n
}

// unitDays returns the days of a length unit in lower case ("day", "weeks"), 0 for none.
func (d *text) unitDays(id gazetteer.WordID) int {
	switch t := d.g.Info(id).Terms; {
	case t&gazetteer.TermDayUnits != 0:
		return 1
	case t&gazetteer.TermLengthWeekUnits != 0:
		return 7
	}
	return 0
}

func (d *text) mkPeriod(fromTok, toTok int, start, end facts.Date) *facts.Period {
	// Real days compare by their fields: time's calendar arithmetic (some 500 instructions
	// here) is left to the others.
	if plainDay(start) && plainDay(end) {
		if end.Year < start.Year || end.Year == start.Year && (end.Month < start.Month || end.Month == start.Month && end.Day < start.Day) {
			return nil
		}
		return &facts.Period{Text: d.spanText(fromTok, toTok+1), Start: start, End: end}
	}
	if start.Time().Month() != start.Month || end.Time().Month() != end.Month {
		return nil // "February 30"
	}
	if end.Before(start) {
		return nil // "7 to Apr 1" is no period
	}
	return &facts.Period{Text: d.spanText(fromTok, toTok+1), Start: start, End: end}
}

// plainDay reports whether day is a real day, one that time.Date leaves as it is, with no
// calendar arithmetic: a month from January to December, and a day of it (February 29 is
// left out, for leap years to be time's business).
func plainDay(day facts.Date) bool {
	return time.January <= day.Month && day.Month <= time.December && 1 <= day.Day && day.Day <= int(monthDays[day.Month])
}

// monthDays is the number of days of each month in a year that is no leap year.
var monthDays = [13]int8{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func pick(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// relativePeriod reads "next month", "this month", "last month", "next week", "this week",
// "last week" and "next year" against the published date.
func (d *text) relativePeriod(at []atom, i int) *facts.Period {
	pub := d.meta.PublishedAt
	if pub == nil || i+1 >= len(at) {
		return nil
	}
	rel := d.alR(at[i])
	next := rel&gazetteer.RoleFollowingDeterminers != 0
	prev := rel&gazetteer.RolePreviousDeterminers != 0 // "last week", "last month"
	if !next && !prev && rel&gazetteer.RoleCurrentDeterminers == 0 {
		return nil
	}
	unit := d.alR(at[i+1])
	first := facts.Date{Year: pub.Year, Month: pub.Month, Day: 1}
	switch {
	case unit&gazetteer.RoleMonthUnits != 0:
		if next {
			first = facts.DateOf(first.Time().AddDate(0, 1, 0))
		} else if prev {
			first = facts.DateOf(first.Time().AddDate(0, -1, 0))
		}
		return d.mkPeriod(at[i].tok, at[i+1].tok, first, facts.Date{Year: first.Year, Month: first.Month, Day: daysIn(first.Year, first.Month)})
	case unit&gazetteer.RoleWeekUnits != 0:
		// Weeks run Monday to Sunday.
		monday := pub.AddDays(-((int(pub.Time().Weekday()) + 6) % 7))
		if next {
			monday = monday.AddDays(7)
		} else if prev {
			monday = monday.AddDays(-7)
		}
		return d.mkPeriod(at[i].tok, at[i+1].tok, monday, monday.AddDays(6))
	case unit&gazetteer.RoleYearUnits != 0:
		if !next {
			return nil // "this year" says too little to date an exercise
		}
		y := pub.Year
		if next {
			y++
		}
		return d.mkPeriod(at[i].tok, at[i+1].tok, facts.Date{Year: y, Month: time.January, Day: 1}, facts.Date{Year: y, Month: time.December, Day: 31})
	}
	return nil
}

// mayHaveDate is a cheap first look: a period needs a month name, a number, a weekday or a
// relative word ("next", "this", "last", "today", "yesterday"). Every reading of period also
// starts at a month, a weekday or a relative word (a number reads as a day only beside a
// month), so a sentence with numbers but none of those, a common kind, has no period either;
// that is looked for first, with little work a token.
func (d *text) mayHaveDate(from, to int) bool {
	if from >= to {
		return false
	}
	cue := false
	toks, tid, lid := d.toks[from:to], d.tid[from:to:to], d.lid[from:to:to]
	for k := range toks {
		t := &toks[k]
		w := d.g.Info(tid[k])
		if w.IsWeekday {
			return true
		}
		// "next", "this", "last", "today", "yesterday": the lists of the lower-case form, one
		// look (d.inR, written out: this loop sees every word of the sentences asked about).
		if d.g.Info(lid[k]).Roles&(gazetteer.RoleFollowingDeterminers|gazetteer.RoleCurrentDeterminers|gazetteer.RolePreviousDeterminers|gazetteer.RolePresentDayWords|gazetteer.RolePreviousDayWords) != 0 {
			return true
		}
		if w.Month != 0 {
			if t.Kind == gazetteer.Word && t.cap {
				return true
			}
			cue = true
		}
	}
	if !cue {
		// atomsOf cuts words with hyphens into parts: one of them may be the month or day.
		text := d.body[d.toks[from].b0:d.toks[to-1].b1]
		if strings.IndexByte(text, '-') < 0 && strings.IndexByte(text, 0xE2) < 0 {
			return false
		}
		// Only the words that hold one of those bytes are looked at: the search jumps from one
		// to the next, each byte looked for again only once the last one found is passed.
		end := int(d.toks[to-1].b1)
		nextHyphen, nextE2 := -1, -1
		for p, i := int(d.toks[from].b0), from; !cue; {
			if nextHyphen < p {
				nextHyphen = end
				if k := strings.IndexByte(d.body[p:end], '-'); k >= 0 {
					nextHyphen = p + k
				}
			}
			if nextE2 < p {
				nextE2 = end
				if k := strings.IndexByte(d.body[p:end], 0xE2); k >= 0 {
					nextE2 = p + k
				}
			}
			q := min(nextHyphen, nextE2)
			if q >= end {
				break
			}
			for int(d.toks[i].b1) <= q { // q < end: some token of the sentence ends after it
				i++
			}
			t := &d.toks[i]
			if int(t.b0) > q { // between two tokens
				p = q + 1
				continue
			}
			if t.Kind == gazetteer.Word {
				cue = d.datePart(d.tx(i))
			}
			p, i = int(t.b1), i+1
		}
		if !cue {
			return false
		}
	}
	for i := from; i < to; i++ {
		t := d.toks[i]
		// Weekdays, "next"/"this" and capitalised months returned true in the first loop.
		if t.IsDigitWord() {
			return true
		}
		if t.Kind == gazetteer.Word && strings.IndexByte(d.tx(i), '-') >= 0 {
			// SplitSeq: the parts are looked at one by one, with no slice to allocate.
			for p := range strings.SplitSeq(d.tx(i), "-") {
				if _, ok := d.g.Month(p); ok {
					return true
				}
			}
		}
	}
	return false
}

// datePart reports whether a part of a word between hyphens, as atomsOf cuts it, is a month,
// a weekday, "next" or "this" (in any case).
func (d *text) datePart(text string) bool {
	k := 0
	for p := 0; p <= len(text); {
		r, n := utf8.DecodeRuneInString(text[p:])
		if p < len(text) && !(r == '-' || r == '‑' || r == '‐') {
			p += n
			continue
		}
		if part := text[k:p]; part != "" {
			_, month := d.g.Month(part)
			_, wd := d.g.Weekday(part)
			if month || wd || d.g.Info(d.lowerID(part)).Roles&(gazetteer.RoleFollowingDeterminers|gazetteer.RoleCurrentDeterminers) != 0 {
				return true
			}
		}
		if p == len(text) {
			break
		}
		p += n
		k = p
	}
	return false
}

// lowerID returns the number of s in lower case. A word of up to eight ASCII bytes, nearly
// any, is made lower case in its packed form, with no string to allocate.
func (d *text) lowerID(s string) gazetteer.WordID {
	if s != "" && len(s) <= 8 && isASCII(s) {
		return d.g.IDOfPacked(lowerASCII8(gazetteer.PackWord(s))) // no NUL byte: Normalize sees to it
	}
	return d.g.ID(strings.ToLower(s))
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
