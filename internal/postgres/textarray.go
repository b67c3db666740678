package postgres

import (
	"encoding/binary"
	"errors"
	"strings"
)

// decodeTextArray decodes a one-dimensional text[] column from the bytes pgx received
// (rows.RawValues, pgtype.UndecodedBytes), in the binary format or, from a statement pgx did not describe
// first (QueryExecModeExec, the simple protocol), the text format. It allocates the list and
// one string holding every element, which the elements share. Scanned into a []string, pgx
// allocated each element and ran a scan plan for it: a seventh of the server's CPU on a page
// of 50 exercises, whose aliases and participant ids are arrays. NULL is a nil list, as pgx
// scans it; a NULL element is an error, as it is for pgx's *string.
func decodeTextArray(src []byte) ([]string, error) {
	if src == nil {
		return nil, nil
	}
	if len(src) > 0 && src[0] == '{' {
		return decodeTextArrayText(string(src))
	}
	return decodeTextArrayBinary(src)
}

var errTextArray = errors.New("decode text[]: not a one-dimensional array of non-null text")

func decodeTextArrayBinary(src []byte) ([]string, error) {
	// ndim, has-null flag, element type, then per dimension its length and lower bound.
	if len(src) < 12 {
		return nil, errTextArray
	}
	switch binary.BigEndian.Uint32(src) {
	case 0:
		return []string{}, nil
	case 1:
	default:
		return nil, errTextArray
	}
	if len(src) < 20 {
		return nil, errTextArray
	}
	n := int(int32(binary.BigEndian.Uint32(src[12:])))
	body := src[20:]
	if n < 0 || n > len(body)/4 {
		return nil, errTextArray
	}
	all := string(body) // every element, with their length prefixes, in one allocation
	out := make([]string, n)
	at := 0
	for i := range out {
		if len(all)-at < 4 {
			return nil, errTextArray
		}
		size := int(int32(binary.BigEndian.Uint32(body[at:])))
		at += 4
		if size < 0 || size > len(all)-at { // -1 is NULL
			return nil, errTextArray
		}
		out[i] = all[at : at+size]
		at += size
	}
	return out, nil
}

// decodeTextArrayText decodes PostgreSQL's text form, {a,"b c","d\"e"}: quoted elements
// escape quotes and backslashes with a backslash; an unquoted NULL is a null element.
func decodeTextArrayText(src string) ([]string, error) {
	if len(src) < 2 || src[len(src)-1] != '}' {
		return nil, errTextArray
	}
	body := src[1 : len(src)-1]
	if body == "" {
		return []string{}, nil
	}
	out := make([]string, 0, strings.Count(body, ",")+1)
	for i := 0; ; {
		var elem string
		if i < len(body) && body[i] == '"' {
			var b strings.Builder
			i++
			for ; i < len(body) && body[i] != '"'; i++ {
				if body[i] == '\\' {
					i++
				}
				if i < len(body) {
					b.WriteByte(body[i])
				}
			}
			if i >= len(body) {
				return nil, errTextArray
			}
			i++ // the closing quote
			elem = b.String()
		} else {
			end := strings.IndexByte(body[i:], ',')
			if end < 0 {
				end = len(body) - i
			}
			elem = body[i : i+end]
			if elem == "" || strings.EqualFold(elem, "NULL") || strings.ContainsAny(elem, `{}"\`) {
				return nil, errTextArray
			}
			i += end
		}
		out = append(out, elem)
		if i == len(body) {
			return out, nil
		}
		if body[i] != ',' {
			return nil, errTextArray
		}
		i++
	}
}
