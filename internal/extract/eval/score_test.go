package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/newsfacts/newsfacts/internal/facts"
)

func TestArticle(t *testing.T) {
	g := Gold{
		Entities: []GoldEntity{
			{Key: "ana", Types: []string{"person"}, Names: []string{"Ana Ruiz", "Ruiz"}},
			{Key: "peru", Types: []string{"country"}, Names: []string{"Peru"}},
			{Key: "chile", Types: []string{"country"}, Names: []string{"Chile"}},
			{Key: "opt", Types: []string{"group"}, Names: []string{"officials"}, Optional: true},
		},
		Statements: []GoldStatement{
			{Speaker: "ana", Kind: "direct", Text: "We are ready."},
			{Speaker: "ana", Kind: "indirect", Text: "Peru will host the drills"},
			{Speaker: "peru", Kind: "indirect", Text: "Chile is invited"},
		},
		Exercises: []GoldExercise{
			{Names: []string{"Condor 2025"}, Host: "peru", Participants: []string{"peru", "chile"}, Month: "2025-05"},
		},
	}
	x := facts.Extraction{
		Entities: []facts.Entity{
			{ID: "ana-ruiz", Name: "Ana Ruiz", Type: facts.Person},
			{ID: "peru", Name: "Peru", Type: facts.Country},
			{ID: "chile", Name: "Chile", Type: facts.Location}, // wrong type
			{ID: "officials", Name: "officials", Type: facts.Group},
			{ID: "lima", Name: "Lima", Type: facts.Location}, // extra
		},
		Statements: []facts.Statement{
			{ID: "s1", SpeakerID: "ana-ruiz", Kind: facts.Direct, Text: "We are ready."},
			{ID: "s2", SpeakerID: "peru", Kind: facts.Indirect, Text: "Peru will host the drills"}, // wrong speaker
			{ID: "s3", Kind: facts.Indirect, Text: "Lima is sunny"},                                // extra
		},
		Exercises: []facts.Exercise{
			{ID: "condor-2025", Name: "Condor 2025", HostID: "peru", ParticipantIDs: []string{"peru", "lima"},
				Period: &facts.Period{Start: facts.Date{Year: 2025, Month: 6, Day: 1}, End: facts.Date{Year: 2025, Month: 6, Day: 1}}},
		},
	}
	r := Article(Case{Name: "a", Gold: g}, x)
	assert.Equal(t, Count{TP: 2, FP: 2, FN: 1}, r.Score[Entities], "chile as location: a miss and an extra; lima extra; officials optional")
	assert.Equal(t, Count{TP: 2, FP: 1, FN: 1}, r.Score[Statements])
	assert.Equal(t, Count{TP: 1, FP: 1, FN: 1}, r.Score[Attribution])
	assert.Equal(t, Count{TP: 1}, r.Score[Exercises])
	assert.Equal(t, Count{TP: 1, FP: 1, FN: 1}, r.Score[Participants])
	assert.Equal(t, Count{TP: 1}, r.Score[Host])
	assert.Equal(t, Count{FP: 1, FN: 1}, r.Score[Month])
	assert.Equal(t, Count{TP: 8, FP: 6, FN: 5}, r.Score.Micro())
	assert.Len(t, r.Misses, 9, "one line per miss or extra")
}
