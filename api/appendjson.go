package api

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// jsonAppender is a list item that writes itself as JSON without reflection: exactly the
// bytes writeJSON (encoding/json, no HTML escaping) writes for it, field for field.
// TestAppendJSON holds each one byte-equal to encoding/json over random values. encoding/json
// was a fifth of the Go time of a 50-row page, most of it reflection over the item's fields.
//
// The method is unexported on purpose: a MarshalJSON would be promoted to the detail types
// that embed the list items (exerciseDetailJSON, articleDetailJSON), and encoding/json
// re-scans whatever a MarshalJSON returns. appendJSON is promoted too: a list item that embeds
// another (relatedJSON) must write itself, or it would lose its own fields; TestAppendJSON
// checks every list item type.
type jsonAppender interface {
	appendJSON(b []byte) []byte
}

// appender is a pointer to a list item of type T that writes itself.
type appender[T any] interface {
	*T
	jsonAppender
}

// appendPage appends the page {"data": data, "next_cursor": next} and the newline writeJSON
// ends with.
func appendPage[T any, P appender[T]](b []byte, data []T, next string) []byte {
	b = append(b, `{"data":[`...)
	for i := range data {
		if i > 0 {
			b = append(b, ',')
		}
		b = P(&data[i]).appendJSON(b)
	}
	b = append(b, `],"next_cursor":`...)
	if next == "" {
		b = append(b, "null"...)
	} else {
		b = appendString(b, next)
	}
	return append(b, "}\n"...)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string as encoding/json writes it without HTML escaping:
// quote, backslash and control bytes escaped (\b \f \n \r \t by name), invalid UTF-8 as
// \ufffd, and U+2028 and U+2029 escaped.
func appendString[S ~string](b []byte, s S) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs a look: most of a page is plain ASCII.
		if i+8 <= len(s) && plain8(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:]))
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		} else if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		} else {
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain8 reports whether none of the eight bytes of w is a control byte, a quote, a backslash
// or part of a multi-byte rune (the usual tests for a zero byte and a byte below 0x20, which
// never miss one and at worst send a plain word to the byte loop).
func plain8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (w - 0x20*ones) &^ w
	quote := ((w ^ '"'*ones) - ones) &^ (w ^ '"'*ones)
	backslash := ((w ^ '\\'*ones) - ones) &^ (w ^ '\\'*ones)
	return (below|quote|backslash|w)&highs == 0
}

// appendNullable appends *s as a string, or null.
func appendNullable(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

// appendStrings appends a list of strings; nil is null, as encoding/json writes it.
func appendStrings(b []byte, list []string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// appendDate appends d through its MarshalText, as encoding/json does; the text is digits and
// hyphens, which need no escaping.
func appendDate(b []byte, d facts.Date) []byte {
	b = append(b, '"')
	b, _ = d.AppendText(b)
	return append(b, '"')
}

func appendDatePtr(b []byte, d *facts.Date) []byte {
	if d == nil {
		return append(b, "null"...)
	}
	return appendDate(b, *d)
}

// appendTimestamp appends t as time.Time's MarshalText writes it (RFC 3339 with nanoseconds
// when there are any). A year outside 0..9999 panics, as encode does when encoding/json fails
// on it: the recoverer answers 500.
func appendTimestamp(b []byte, t timestamp) []byte {
	b = append(b, '"')
	b, err := time.Time(t).AppendText(b)
	if err != nil {
		panic(fmt.Sprintf("encode a timestamp: %v", err))
	}
	return append(b, '"')
}

func (a *articleJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, a.ID)
	b = append(b, `,"title":`...)
	b = appendString(b, a.Title)
	b = append(b, `,"url":`...)
	b = appendNullable(b, a.URL)
	b = append(b, `,"source":`...)
	b = appendNullable(b, a.Source)
	b = append(b, `,"published_at":`...)
	b = appendDatePtr(b, a.PublishedAt)
	b = append(b, `,"sha256":`...)
	b = appendString(b, a.SHA256)
	b = append(b, `,"extractor_version":`...)
	b = appendInt(b, a.ExtractorVersion)
	b = append(b, `,"ingested_at":`...)
	b = appendTimestamp(b, a.IngestedAt)
	b = append(b, `,"updated_at":`...)
	b = appendTimestamp(b, a.UpdatedAt)
	b = append(b, `,"entity_count":`...)
	b = appendInt(b, a.EntityCount)
	b = append(b, `,"statement_count":`...)
	b = appendInt(b, a.StatementCount)
	b = append(b, `,"exercise_count":`...)
	b = appendInt(b, a.ExerciseCount)
	return append(b, '}')
}

func (x *exerciseJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, x.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, x.Name)
	b = append(b, `,"alias_count":`...)
	b = appendInt(b, x.AliasCount)
	b = append(b, `,"host_id":`...)
	b = appendNullable(b, x.HostID)
	b = append(b, `,"participant_count":`...)
	b = appendInt(b, x.ParticipantCount)
	b = append(b, `,"period":`...)
	if p := x.Period; p == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"text":`...)
		b = appendString(b, p.Text)
		b = append(b, `,"start":`...)
		b = appendDate(b, p.Start)
		b = append(b, `,"end":`...)
		b = appendDate(b, p.End)
		b = append(b, '}')
	}
	b = append(b, `,"purpose":`...)
	b = appendNullable(b, x.Purpose)
	b = append(b, `,"article_count":`...)
	b = appendInt(b, x.ArticleCount)
	b = append(b, `,"mention_count":`...)
	b = appendInt(b, x.MentionCount)
	b = append(b, `,"first_report":`...)
	b = x.FirstReport.appendJSON(b)
	b = append(b, `,"latest_report":`...)
	b = x.LatestReport.appendJSON(b)
	return append(b, '}')
}

func (r *reportJSON) appendJSON(b []byte) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"article_id":`...)
	b = appendString(b, r.ArticleID)
	b = append(b, `,"published_at":`...)
	b = appendDatePtr(b, r.PublishedAt)
	return append(b, '}')
}

func (e *entityJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, e.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, e.Name)
	b = append(b, `,"type":`...)
	b = appendString(b, e.Type)
	b = append(b, `,"aliases":`...)
	b = appendStrings(b, e.Aliases)
	if e.Title != "" {
		b = append(b, `,"title":`...)
		b = appendString(b, e.Title)
	}
	if e.AffiliationID != "" {
		b = append(b, `,"affiliation_id":`...)
		b = appendString(b, e.AffiliationID)
	}
	b = append(b, `,"mention_count":`...)
	b = appendInt(b, e.MentionCount)
	b = append(b, `,"statement_count":`...)
	b = appendInt(b, e.StatementCount)
	b = append(b, `,"article_count":`...)
	b = appendInt(b, e.ArticleCount)
	return append(b, '}')
}

func (r *relatedJSON) appendJSON(b []byte) []byte {
	b = r.entityJSON.appendJSON(b)
	b = append(b[:len(b)-1], `,"shared_articles":`...) // the entity's closing brace
	b = appendInt(b, r.SharedArticles)
	return append(b, '}')
}

func (m *mentionJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"entity_id":`...)
	b = appendString(b, m.EntityID)
	b = append(b, `,"article_id":`...)
	b = appendString(b, m.ArticleID)
	b = append(b, `,"start":`...)
	b = appendInt(b, m.Start)
	b = append(b, `,"end":`...)
	b = appendInt(b, m.End)
	b = append(b, `,"text":`...)
	b = appendString(b, m.Text)
	b = append(b, `,"snippet":`...)
	b = appendString(b, m.Snippet)
	return append(b, '}')
}

func (m *exerciseMentionJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"exercise_id":`...)
	b = appendString(b, m.ExerciseID)
	b = append(b, `,"article_id":`...)
	b = appendString(b, m.ArticleID)
	b = append(b, `,"start":`...)
	b = appendInt(b, m.Start)
	b = append(b, `,"end":`...)
	b = appendInt(b, m.End)
	b = append(b, `,"text":`...)
	b = appendString(b, m.Text)
	return append(b, '}')
}

func (s *statementJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, s.ID)
	if s.ArticleID != "" {
		b = append(b, `,"article_id":`...)
		b = appendString(b, s.ArticleID)
	}
	b = append(b, `,"speaker_id":`...)
	b = appendNullable(b, s.SpeakerID)
	b = append(b, `,"speaker_text":`...)
	b = appendString(b, s.SpeakerText)
	b = append(b, `,"kind":`...)
	b = appendString(b, s.Kind)
	b = append(b, `,"text":`...)
	b = appendString(b, s.Text)
	b = append(b, `,"start":`...)
	b = appendInt(b, s.Start)
	b = append(b, `,"end":`...)
	b = appendInt(b, s.End)
	b = append(b, `,"verb":`...)
	b = appendString(b, s.Verb)
	b = append(b, `,"said_on":`...)
	b = appendDatePtr(b, s.SaidOn)
	b = append(b, `,"entity_ids":`...)
	b = appendStrings(b, s.EntityIDs)
	return append(b, '}')
}
