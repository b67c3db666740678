package extract

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// TestDayNumYearNum checks the hand-written number readers against strconv.
func TestDayNumYearNum(t *testing.T) {
	for _, s := range []string{"", "0", "1", "01", "007", "31", "32", "30th", "1st", "2nd", "3rd", "4h", "12s", "1x", "1-", "9999999999999999999999", "0000000000000000000000031", "31st", "1900", "2100", "2101", "1899", "20 4", "2O24", "+123", "ths", "5thth"} {
		wantDay := 0
		if s != "" && '0' <= s[0] && s[0] <= '9' {
			if n, err := strconv.Atoi(strings.TrimRight(s, "stndrh")); err == nil && 1 <= n && n <= 31 {
				wantDay = n
			}
		}
		if got := dayNum(s); got != wantDay {
			t.Errorf("dayNum(%q) = %d, want %d", s, got, wantDay)
		}
		wantYear := 0
		if len(s) == 4 && '1' <= s[0] && s[0] <= '2' {
			if n, err := strconv.Atoi(s); err == nil && 1900 <= n && n <= 2100 {
				wantYear = n
			}
		}
		if got := yearNum(s); got != wantYear {
			t.Errorf("yearNum(%q) = %d, want %d", s, got, wantYear)
		}
	}
}

// TestPlainDay checks plainDay against time: a plain day is one time.Date leaves as it is.
func TestPlainDay(t *testing.T) {
	for _, y := range []int{2023, 2024, 2100} {
		for m := time.Month(-1); m <= 14; m++ {
			for day := -1; day <= 33; day++ {
				d := facts.Date{Year: y, Month: m, Day: day}
				if plainDay(d) && facts.DateOf(d.Time()) != d {
					t.Errorf("plainDay(%v) but time makes it %v", d, facts.DateOf(d.Time()))
				}
				if !plainDay(d) && facts.DateOf(d.Time()) == d && !(m == time.February && day == 29) {
					t.Errorf("!plainDay(%v)", d)
				}
			}
		}
	}
}
