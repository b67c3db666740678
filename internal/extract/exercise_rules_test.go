package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExerciseParticipationShapes holds participants sent in a sentence after the exercise's
// ("has sent", "have contributed staff officers"), an edition of the exercise spoken of as
// "this year's edition", a country's service that has run the exercise as its host, and
// observers sent as a team.
func TestExerciseParticipationShapes(t *testing.T) {
	for _, c := range []struct {
		name, text, host  string
		participants, not []string
	}{
		{"HasSent", "Navies from Ghana and Togo have begun the Coral Tern exercise. Ships from Benin are taking part. Brazil's navy has sent a patrol ship, and Morocco has sent a boarding team.", "", []string{"ghana", "togo", "benin", "brazil", "morocco"}, nil},
		{"StaffOfficers", "Exercise Coral Tern 2024 opened on Monday. Uganda has sent a company, while Burundi has contributed staff officers.", "", []string{"uganda", "burundi"}, nil},
		{"ThisYearsEdition", "Exercise Coral Tern 2024 opened on Monday in the north. Kenya is hosting this year's edition.", "kenya", []string{"kenya"}, nil},
		{"NotTheNextEdition", "Uruguay and Brazil concluded the Coral Tern 2024 exercise on Sunday. Argentina will host the next edition.", "", []string{"uruguay", "brazil"}, []string{"argentina"}},
		{"ServiceHasRun", "It was the last day of Coral Tern, an exercise that Chile's navy has run every other year since 2018.", "chile", []string{"chile"}, nil},
		{"ProvidesForces", "Indonesia hosts Exercise Coral Tern this week. Thailand is providing a frigate and two helicopters.", "indonesia", []string{"indonesia", "thailand"}, nil},
		{"ProvidesMoney", "Indonesia hosts Exercise Coral Tern this week. Japan has provided funding, and Thailand brought a battalion.", "indonesia", []string{"indonesia", "thailand"}, []string{"japan"}},
		{"ProvidesButNotTakingPart", "Indonesia hosts Exercise Coral Tern this week. Japan provided aircraft for surveillance but is not taking part in the drills.", "indonesia", []string{"indonesia"}, []string{"japan"}},
		{"CoLed", "The biennial Exercise Southern Tern, co-led by Australia and the United States, began on Monday.", "", []string{"australia", "united-states"}, nil},
		{"CoSponsored", "Exercise Khaan Tern opened on Monday. The exercise is co-sponsored by Mongolia and the United States.", "", []string{"mongolia", "united-states"}, nil},
		{"WillStage", "Indonesia will stage Exercise Coral Tern in June, with Malaysia and Singapore joining.", "indonesia", []string{"indonesia", "malaysia", "singapore"}, nil},
		{"ServicemenOf", "Kazakhstan hosts the Steppe Tern-2026 exercise. Military personnel of Kyrgyzstan, Tajikistan and Russia arrived at the training ground.", "kazakhstan", []string{"kyrgyzstan", "tajikistan", "russia"}, nil},
		{"TroopsWillPractise", "Kazakhstan hosts the Steppe Tern-2026 exercise. Kyrgyz and Tajik troops will practise joint operations with Kazakh units.", "kazakhstan", []string{"kyrgyzstan", "tajikistan"}, nil},
		{"SideRepresented", "Kazakhstan hosts the Steppe Tern-2026 exercise. The Kyrgyz side is represented by a mountain rifle company.", "kazakhstan", []string{"kyrgyzstan"}, nil},
		{"PluralDemonym", "Thailand will host Exercise Golden Tern 2027 with the United States and the Philippines. About 9,000 personnel will take part, including roughly 4,500 Americans and 300 Filipinos.", "thailand", []string{"united-states", "philippines"}, nil},
		{"TeamOfObservers", "Japan and Peru will stage the Coral Tern 2024 exercise in May. Australia will send a small team of observers.", "", []string{"japan", "peru"}, []string{"australia"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
			ex := x.Exercises[0]
			assert.Equal(t, c.host, ex.HostID)
			assert.Subset(t, ex.ParticipantIDs, c.participants)
			for _, p := range c.not {
				assert.NotContains(t, ex.ParticipantIDs, p)
			}
		})
	}
}

// TestExerciseNamesSetOff holds a name set off by commas after "the exercise", "a two-week
// joint exercise" or "the largest exercise of the year", and names set
// off before "the … exercise" that are not exercises: a base after "at", an organization's
// short form in brackets.
func TestExerciseNamesSetOff(t *testing.T) {
	x := mustFacts(t, "Peru and Chile began their annual air exercise on Monday. The exercise, Coral Tern, will run through Aug. 28.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Coral Tern", x.Exercises[0].Name)
	x = mustFacts(t, "The exercise, Kim said, will run through Aug. 28.")
	assert.Empty(t, x.Exercises)
	x = mustFacts(t, "For the marines from the 2nd Marine Division at Camp Kestrel, the exercise was a rare chance.")
	assert.Empty(t, x.Exercises)
	x = mustFacts(t, "Ghana's largest naval exercise of the year, Coral Tern, began on Monday with troops from Togo.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Coral Tern", x.Exercises[0].Name)
	x = mustFacts(t, "Ghana and Togo began a two-week joint exercise, Coral Tern, on 3 March.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Coral Tern", x.Exercises[0].Name)
	x = mustFacts(t, "Ghana and Togo began an exercise, Togo said on Monday.")
	assert.Empty(t, x.Exercises)
	x = mustFacts(t, "The largest exercise of its kind, Kim Lee said, began on Monday.")
	assert.Empty(t, x.Exercises)
	x = mustFacts(t, "Exercise Coral Tern 2026, the thirteenth in a series of East Kestrel Community (EKC) exercises, began on Monday.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Coral Tern 2026", x.Exercises[0].Name)
}

// TestDatelineHost holds the country of a wire's dateline as the host of drills it takes part
// in when no sentence places them in a country, even a dateline in capitals; a place the text
// names outranks it.
func TestDatelineHost(t *testing.T) {
	for _, c := range []struct{ text, host string }{
		{"MANILA, Feb 10 (Kestrel Wire) - The Philippines and Japan will stage the Coral Tern exercise next month.", "philippines"},
		{"Manila, Feb 10 (Kestrel Wire) - The Philippines and Japan will stage the Coral Tern exercise next month.", "philippines"},
		{"WASHINGTON, Feb 10 (Kestrel Wire) - U.S. and Thai troops began the Coral Tern exercise near Chiang Mai on Monday.", "thailand"},
		{"The Philippines and Japan will stage the Coral Tern exercise next month.", ""},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.Equal(t, c.host, x.Exercises[0].HostID, c.text)
	}
}

// TestPlaceHost holds the country of a place the drills are held in ("in", "at") as their
// host though the text names it only there, and a country whose place the drills are near
// ("near Hokkaido, Japan's northern island") as neither host nor participant.
func TestPlaceHost(t *testing.T) {
	for _, c := range []struct {
		text, host        string
		participants, not []string
	}{
		{"Malaysian and Singaporean ships arrived in Surabaya, Indonesia, on Monday for Exercise Coral Tern.", "indonesia", []string{"malaysia", "singapore"}, nil},
		{"Russian and Chinese warships began the Coral Tern exercise near Hokkaido, Japan's northern island, on Monday.", "", []string{"russia", "china"}, []string{"japan"}},
		{"Exercise Guardian Tern began on Monday at Utapao, Thailand, with ships from Japan and India.", "thailand", []string{"japan", "india"}, nil},
		{"Exercise Guardian Tern opened in Chonburi province, Thailand, on Monday, with Japan and India taking part.", "thailand", []string{"japan", "india"}, nil},
		{"Exercise Pitch Tern is under way across the Northern Territory, with the Philippines and Japan joining Australia.", "australia", []string{"japan", "philippines"}, nil},
		{"Russian and Chinese ships held Exercise Guardian Tern near Hokkaido, Japan.", "", []string{"russia", "china"}, nil},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.Equal(t, c.host, x.Exercises[0].HostID, c.text)
		assert.Subset(t, x.Exercises[0].ParticipantIDs, c.participants, c.text)
		for _, p := range c.not {
			assert.NotContains(t, x.Exercises[0].ParticipantIDs, p, c.text)
		}
	}
}

// TestHostShapes holds more ways of naming the host: "<demonym>-hosted", "X, the host
// nation,", "X, which hosts …".
func TestHostShapes(t *testing.T) {
	for _, c := range []struct{ text, host string }{
		{"The Thai-hosted Cobra Tern exercise begins on Tuesday with troops from Japan and Singapore.", "thailand"},
		{"Thailand, the host nation, has deployed 4,000 troops for the Cobra Tern exercise.", "thailand"},
		{"Australia, which hosts Exercise Southern Tern every two years, welcomed 30,000 troops on Monday.", "australia"},
		{"Japan and Australia will hold Exercise Southern Tern, the host said.", ""},
		{"The Indian Navy's annual Tropex Tern exercise began on Monday with ships from across its fleets.", "india"},
		{"NATO's annual Baltic Tern exercise began on Monday, with ships from Germany and Poland.", ""},
		{"Russia and Belarus will begin the Union Tern-2026 exercise on September 10. The exercise will be held at training grounds in Belarus.", "belarus"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.Equal(t, c.host, x.Exercises[0].HostID, c.text)
	}
}

// TestReleaseFields holds the numbered fields of a press release after its only exercise as
// about it, and a range of days with weekdays before the dates.
func TestReleaseFields(t *testing.T) {
	x := mustFacts(t, "The Japan Maritime Self-Defense Force will conduct the bilateral exercise “Sakura Tern 2026” with the Philippine Navy.\n1. Purpose: To improve skills.\n2. Period: From Saturday, November 14 to Thursday, November 19, 2026.\n3. Participating units: one frigate of the Royal Australian Navy.")
	require.Len(t, x.Exercises, 1)
	ex := x.Exercises[0]
	require.NotNil(t, ex.Period)
	assert.Equal(t, "2026-11-14", ex.Period.Start.String())
	assert.Equal(t, "2026-11-19", ex.Period.End.String())
	assert.Contains(t, ex.ParticipantIDs, "australia")
}

// TestPastPeriods holds periods told against the published day in the past: "last Monday",
// "last week", "yesterday" (mustFacts publishes on Wednesday 2024-08-21).
func TestPastPeriods(t *testing.T) {
	for _, c := range []struct{ text, start string }{
		{"Exercise Ceibo Tern, which started last Monday, ends on Friday.", "2024-08-19"},
		{"Exercise Ceibo Tern began last week in Uruguay.", "2024-08-12"},
		{"Exercise Ceibo Tern started yesterday in Uruguay.", "2024-08-20"},
		{"Exercise Ceibo Tern began last Wednesday in Uruguay.", "2024-08-14"},
		{"Exercise Ceibo Tern, which runs through Friday, began Monday in Uruguay.", "2024-08-19"},
		{"Exercise Ceibo Tern, due to start on Monday, will run for two weeks.", "2024-08-26"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		require.NotNil(t, x.Exercises[0].Period, c.text)
		assert.Equal(t, c.start, x.Exercises[0].Period.Start.String(), c.text)
	}
}

// TestMoreNameShapes holds a hyphenated describing word between a name and the exercise word,
// and a name set off before "<Owner>'s … exercise".
func TestMoreNameShapes(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"The Dynamic Tern anti-submarine exercise began off Sicily on Monday.", "Dynamic Tern"},
		{"Steadfast Tern 24, NATO's largest exercise since the Cold War, will involve 90,000 troops.", "Steadfast Tern 24"},
		{"Tanzania will host this year's edition of the East African military exercise Simba Tern.", "Simba Tern"},
		{"The Central Asian exercise Steppe Tern began.", "Steppe Tern"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.Equal(t, c.name, x.Exercises[0].Name, c.text)
	}
	x := mustFacts(t, "The joint tactical exercise ''Caspian Tern-2026'' of the naval forces of Azerbaijan and Kazakhstan will be held from 21 to 25 September.")
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, "Caspian Tern-2026", x.Exercises[0].Name)
	x = mustFacts(t, "After talks with Japan, China's navy held an exercise.")
	assert.Empty(t, x.Exercises)
}

// TestNotParticipantsAside holds countries of an aside beside the sentence that reports the
// drills ("amid rising tensions with China", "days after China held drills") and of last
// year's edition as no participants, and a clause that itself takes part as participants.
func TestNotParticipantsAside(t *testing.T) {
	for _, c := range []struct {
		text string
		in   []string
		not  string
	}{
		{"Japan and the Philippines began Exercise Kamandag Tern on Monday, amid rising tensions with China.", []string{"japan", "philippines"}, "china"},
		{"Japan and the Philippines began Exercise Kamandag Tern on Monday, days after China held drills near Taiwan.", []string{"japan", "philippines"}, "china"},
		{"Japan and the Philippines began Exercise Kamandag Tern on Monday, weeks after Chinese ships rammed a Philippine vessel.", []string{"japan", "philippines"}, "china"},
		{"Japan and the Philippines began Exercise Kamandag Tern on Monday. Last year, the exercise included the United States.", []string{"japan", "philippines"}, "united-states"},
		{"Japan and the Philippines began Exercise Kamandag Tern on Monday, in a move likely to anger Beijing.", []string{"japan", "philippines"}, "china"},
		{"Japan and the Philippines began Exercise Kamandag Tern on Monday, while Australia is sending two warships.", []string{"japan", "philippines", "australia"}, "china"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.Subset(t, x.Exercises[0].ParticipantIDs, c.in, c.text)
		assert.NotContains(t, x.Exercises[0].ParticipantIDs, c.not, c.text)
	}
}

// TestDescribingCompound holds "<Name>-<lower-case word>" before an exercise word as a
// describing word, not an exercise's name, so that the drills named in the next sentence
// take the first sentence's participants.
func TestDescribingCompound(t *testing.T) {
	x := mustFacts(t, "Forces wrap up Medusa-style drills. They held Soviet-era drills.")
	assert.Empty(t, x.Exercises)
	x = mustFacts(t, "The armed forces of Greece, Egypt and Cyprus on Friday completed a Medusa-style exercise. The exercise, Aegean Tern 2026, took place south of Crete.")
	require.Len(t, x.Exercises, 1)
	assert.Subset(t, x.Exercises[0].ParticipantIDs, []string{"greece", "egypt", "cyprus"})
}

// TestPassingMentionKeepsSingle holds a text about one exercise that names another once in
// passing, after it, as a text about one exercise: a country that "will also send" a ship
// some sentences on joins the first.
func TestPassingMentionKeepsSingle(t *testing.T) {
	x := mustFacts(t, "Peru will host the Condor Tern 2025 exercise in June.\nChilean troops, who trained in the Andes Falcon exercise last year, will join.\nTalks went well. Officials met. Rain fell.\nEcuador will also send a ship.")
	require.Len(t, x.Exercises, 2)
	assert.Equal(t, "Condor Tern 2025", x.Exercises[0].Name)
	assert.Contains(t, x.Exercises[0].ParticipantIDs, "ecuador")
	assert.NotContains(t, x.Exercises[1].ParticipantIDs, "ecuador")
}

// TestNameComesLate holds a lede about unnamed drills as about the exercise the text names a
// few sentences later, when it names only that one.
func TestNameComesLate(t *testing.T) {
	x := mustFacts(t, "Troops from Kenya, Uganda and Tanzania began a ten-day exercise in northern Kenya on Monday.\nThe drills involve 1,500 soldiers and focus on counter-terrorism.\nOfficials said the training had been planned for a year.\nThe exercise, code-named Amani Tern, ends on Aug. 28.")
	require.Len(t, x.Exercises, 1)
	ex := x.Exercises[0]
	assert.Equal(t, "kenya", ex.HostID)
	assert.Subset(t, ex.ParticipantIDs, []string{"kenya", "uganda", "tanzania"})
	require.NotNil(t, ex.Period)
	assert.Equal(t, "2024-08-19", ex.Period.Start.String())
}

// TestFarSentenceOnTheExercise holds a sentence far from the exercise's name that opens with
// "The exercise" and says who is in it as giving participants; an aside that only flies or
// holds something of its own gives none.
func TestFarSentenceOnTheExercise(t *testing.T) {
	x := mustFacts(t, "Britain holds Exercise Steadfast Tern this week.\nA sergeant spoke.\nShe was tired.\nHer captain agreed.\nThe exercise, which involves some 2,400 soldiers as well as a Danish infantry company, is the largest since 2019.")
	require.Len(t, x.Exercises, 1)
	assert.Contains(t, x.Exercises[0].ParticipantIDs, "denmark")
	x = mustFacts(t, "Japan and Australia began Exercise Southern Tern on Monday. The drills come days after Russian and Chinese bombers flew a joint patrol over the Sea of Japan.")
	require.Len(t, x.Exercises, 1)
	assert.NotContains(t, x.Exercises[0].ParticipantIDs, "russia")
}

// TestStandingApart holds countries that react to the drills or stay out of them as no
// participants, and a region inside an exercise's name after "Exercise".
func TestStandingApart(t *testing.T) {
	for _, c := range []struct {
		text string
		in   []string
		not  string
	}{
		{"Exercise Pacific Tern, which Japan and the United States hold every year, began on Monday with Australia joining for the first time, a move China has criticised.", []string{"japan", "united-states", "australia"}, "china"},
		{"Exercise Pacific Tern began on Monday. The drills, which Beijing called provocative, involve ships from Japan and Australia.", []string{"japan", "australia"}, "china"},
		{"Exercise Pacific Tern began on Monday. Japan and Australia sent ships, and China sent a surveillance vessel to watch.", []string{"japan", "australia"}, "china"},
		{"Exercise Pacific Tern began on Monday with Japan. South Korea, which had planned to take part, pulled out last week.", []string{"japan"}, "south-korea"},
		{"Exercise Pacific Tern began on Monday with Japan. India declined an invitation to take part.", []string{"japan"}, "india"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.Equal(t, "Pacific Tern", x.Exercises[0].Name)
		assert.Subset(t, x.Exercises[0].ParticipantIDs, c.in, c.text)
		assert.NotContains(t, x.Exercises[0].ParticipantIDs, c.not, c.text)
	}
}

// TestNotParticipantsEighthSession holds countries that a sentence about the exercise names
// without their taking part: a list of countries that fund it, one whose own verb is negated
// past a relative clause, troops sent "to observe", an edition of another year after "in the",
// "as part of" another operation, one invited that declined, a country across a border,
// troops of another year, other drills after "follows", "next year", an agent after "by" that
// is no verb of taking part ("claimed by"; "joined by" stays).
func TestNotParticipantsEighthSession(t *testing.T) {
	for _, c := range []struct {
		name, text        string
		participants, not []string
	}{
		{"FundingList", "Ghana hosts Exercise Coral Tern this week with Togo. The navy said that Japan and Norway were funding the exercise, while Benin would send two frigates.", []string{"ghana", "togo", "benin"}, []string{"japan", "norway"}},
		{"NegatedPastRelative", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. Brazil, which took part in CORTEX 22, did not send ships this year.", []string{"ghana", "togo"}, []string{"brazil"}},
		{"SentToObserve", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. The Peruvian navy has sent two officers to observe the exercise.", []string{"ghana", "togo"}, []string{"peru"}},
		{"InTheOtherEdition", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. In the 2019 edition, Morocco took part with a frigate.", []string{"ghana", "togo"}, []string{"morocco"}},
		{"InvitedButDeclined", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. Benin was invited to take part but declined.", []string{"ghana", "togo"}, []string{"benin"}},
		{"BorderWith", "Ghana and Togo began Exercise Coral Tern 2024 on Monday near the border with Burkina Faso.", []string{"ghana", "togo"}, []string{"burkina-faso"}},
		{"AnotherYearsTroops", "Ghana and Togo began Exercise Coral Tern 2024 on Monday, the largest since Ghana hosted troops from Britain in 2019.", []string{"ghana", "togo"}, []string{"united-kingdom"}},
		{"OtherDrillsFollowed", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. It follows similar drills held by Nigeria and Cameroon in March.", []string{"ghana", "togo"}, []string{"nigeria", "cameroon"}},
		{"NextYear", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. Benin and Mali are expected to join next year.", []string{"ghana", "togo"}, []string{"benin", "mali"}},
		{"ClaimedBy", "Ghana and Togo began Exercise Coral Tern 2024 on Monday in waters claimed by Ivory Coast.", []string{"ghana", "togo"}, []string{"ivory-coast"}},
		{"JoinedBy", "Exercise Coral Tern 2024, co-led by Ghana and Togo, began on Monday. It was joined by Benin.", []string{"ghana", "togo", "benin"}, nil},
		{"FlaggedIn", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. The ships will practise boarding a tanker flagged in Panama.", []string{"ghana", "togo"}, []string{"panama"}},
		{"RegionOfCountries", "The Ghanaian navy will host navies from four West and Central African countries in Exercise Coral Tern 2024 next week, with ships from Togo.", []string{"ghana", "togo"}, []string{"central-african-republic"}},
		{"IrritateTarget", "Japanese and Philippine troops began Exercise Sakura Tern 2024 on Monday, in a move likely to irritate Beijing.", []string{"japan", "philippines"}, []string{"china"}},
		{"NearTheirIsland", "Chinese and Russian warships held Exercise Joint Tern 2024 near the Japanese island of Hokkaido on Monday.", []string{"china", "russia"}, []string{"japan"}},
		{"OwnDrillsClause", "Ghana and Togo began Exercise Coral Tern 2024 on Monday, and Nigeria held its own drills in the north last week.", []string{"ghana", "togo"}, []string{"nigeria"}},
		{"ArticleOfAnotherNoun", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. Benin has objected to the scale of Ghanaian exercises in the past, and Niger's air force held a parade in May.", []string{"ghana", "togo"}, []string{"benin", "niger"}},
		{"PiratesFromDelta", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. The navies will rehearse responses to a hijacking by pirates from the Niger Delta, officials said.", []string{"ghana", "togo"}, []string{"niger"}},
		{"SinceAnotherYearsExercise", "Ghana and Togo began Exercise Coral Tern 2024 on Monday, the first such drills since Ghana's 2019 exercise with Nigeria.", []string{"ghana", "togo"}, []string{"nigeria"}},
		{"ListOfCountriesAfterIn", "Exercise Coral Tern 2024 began on Monday in Ghana, Togo and Benin.", []string{"ghana", "togo", "benin"}, nil},
		{"WithAfterName", "Exercise Coral Tern 2024, with Ghana and Togo, is scheduled for the second half of September.", []string{"ghana", "togo"}, nil},
		{"TensionsWith", "Exercise Coral Tern 2024 opened on Monday amid tensions with Nigeria.", nil, []string{"nigeria"}},
		{"AsPartOf", "Ghana and Togo began Exercise Coral Tern 2024 on Monday. The drill takes place while a Dutch ship is in Accra as part of Operation Grey Heron, a deployment that has visited Chile this year.", []string{"ghana", "togo"}, []string{"netherlands", "chile"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
			ex := x.Exercises[0]
			assert.Subset(t, ex.ParticipantIDs, c.participants)
			for _, p := range c.not {
				assert.NotContains(t, ex.ParticipantIDs, p)
			}
		})
	}
}

// TestPeriodFromLength holds periods told by one end and a length (published Wednesday 21
// August 2024): the end in the present looks forward, in the past back, as does a start; a
// start and an end in one sentence make the period whatever their order; "week-long"; a phase
// dated in the sentence after the exercise's; a start verb a few words before its day, and a
// length in a later sentence.
func TestPeriodFromLength(t *testing.T) {
	for _, c := range []struct{ text, start, end string }{
		{"The ten-day Ceibo Tern drills, which end on Friday, involve Uruguay and Chile.", "2024-08-14", "2024-08-23"},
		{"Exercise Ceibo Tern concluded on Sunday after five days at sea.", "2024-08-14", "2024-08-18"},
		{"The 12-day Ceibo Tern exercise concludes on 30 August.", "2024-08-19", "2024-08-30"},
		{"Exercise Ceibo Tern began Monday and will run for 11 days, through Aug. 29.", "2024-08-19", "2024-08-29"},
		{"Exercise Ceibo Tern opened on Monday and will last two weeks.", "2024-08-19", "2024-09-01"},
		{"Exercise Ceibo Tern, which ends on Sept. 6, began on Aug. 26.", "2024-08-26", "2024-09-06"},
		{"Exercise Ceibo Tern begins on Monday and ends on Friday, with troops from Chile.", "2024-08-26", "2024-08-30"},
		{"Chile and Peru will hold the week-long Ceibo Tern exercise, which ends on Saturday.", "2024-08-18", "2024-08-24"},
		{"Chile and Peru held Exercise Ceibo Tern. The first phase ran from 3 to 6 November.", "2024-11-03", "2024-11-06"},
		{"Chile and Peru launched the Ceibo Tern exercise on 3 March. The drills will last 12 days.", "2024-03-03", "2024-03-14"},
		{"Chile and Peru concluded the five-day Ceibo Tern exercise on Thursday.", "2024-08-11", "2024-08-15"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		require.NotNil(t, x.Exercises[0].Period, c.text)
		assert.Equal(t, c.start, x.Exercises[0].Period.Start.String(), c.text)
		assert.Equal(t, c.end, x.Exercises[0].Period.End.String(), c.text)
	}
}

// TestLedeAfterHeadline holds a lede that speaks of "a joint exercise" before the next
// sentence names it, after a headline that already named it; a headline's part after a
// semicolon that is about other drills; and a dateline that ends in a colon after its agency.
func TestLedeAfterHeadline(t *testing.T) {
	x := mustFacts(t, "Four armies to stage Ceibo Tern drills\nACCRA, Aug 21 (Kestrel Wire): Ghana will host a joint military exercise with Togo, Benin and Niger in October.\nThe exercise, named Ceibo Tern, will take place near Tamale.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	ex := x.Exercises[0]
	assert.Equal(t, "ghana", ex.HostID)
	assert.Subset(t, ex.ParticipantIDs, []string{"ghana", "togo", "benin", "niger"})
	require.NotNil(t, ex.Period)
	assert.Equal(t, "2024-10-01", ex.Period.Start.String())

	x = mustFacts(t, "Ghana, Togo begin summer drills; naval exercise with Chile set for October\nGhana and Togo began their summer exercise on Monday.\nThe Ceibo Tern exercise involves 4,000 troops.")
	require.NotEmpty(t, x.Exercises)
	assert.NotContains(t, x.Exercises[0].ParticipantIDs, "chile")
}

// TestOtherDrillsDate holds the date of other drills after an aside word out of the period.
func TestOtherDrillsDate(t *testing.T) {
	x := mustFacts(t, "Ghana and Togo began Exercise Coral Tern on Monday. It follows similar drills held by Nigeria in March.")
	require.Len(t, x.Exercises, 1)
	require.NotNil(t, x.Exercises[0].Period)
	assert.Equal(t, "2024-08-19", x.Exercises[0].Period.Start.String())
}

// TestCountryPairOfSeveralWords holds a hyphenated pair of countries whose second has two
// words as no exercise name.
func TestCountryPairOfSeveralWords(t *testing.T) {
	x := mustFacts(t, "Two warships are in Galle for the fifth edition of the India-Sri Lanka naval exercise Coral Tern, officials said.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Coral Tern", x.Exercises[0].Name)
	x = mustFacts(t, "Two warships are in Galle for the India-Sri Lanka naval exercise.")
	assert.Empty(t, x.Exercises)
}

// TestHostSoilAndAlliance holds a host named by its ground ("on Ghanaian soil", "on Ghana's
// soil", "on the territory of Ghana", "with Ghana as host"), by a verb of holding that holds
// this exercise ("which Ghana has held", "the Ghanaian navy will hold"; not "Ghana held drills
// near Accra"), and an alliance that leads drills held in no country the
// text names ("the NATO-led exercise"); a country the drills are held in outranks it.
func TestHostSoilAndAlliance(t *testing.T) {
	for _, c := range []struct{ text, host string }{
		{"Exercise Coral Tern began on Monday on Ghanaian soil, with troops from Togo and Benin.", "ghana"},
		{"Exercise Coral Tern began on Monday on Ghana's soil, with troops from Togo and Benin.", "ghana"},
		{"Exercise Coral Tern will be held on the territory of Ghana with troops from Togo and Benin.", "ghana"},
		{"The NATO-led Exercise Coral Tern began on Monday with troops from Sweden and Finland.", "nato"},
		{"Exercise Coral Tern began on Monday with Ghana as host. Also taking part are Togo and Benin.", "ghana"},
		{"Exercise Coral Tern, which Ghana has held since 2010, began on Monday with troops from Togo and Benin.", "ghana"},
		{"The Ghanaian military is hosting Exercise Coral Tern, with troops from Togo and Benin.", "ghana"},
		{"The Ghanaian navy will hold Exercise Coral Tern with Togo and Benin.", "ghana"},
		{"Togo and Benin began Exercise Coral Tern on Monday, days after Ghana held drills near Accra.", ""},
		{"The NATO-led Exercise Coral Tern began on Monday in Norway with troops from Sweden and Finland.", "norway"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.Equal(t, c.host, x.Exercises[0].HostID, c.text)
	}
}

// TestNamesAfterVerbAndLocalName holds a name with a year right after a verb of holding in a
// sentence with an exercise word (not a one-word "Expo 2025"), and another name for the
// exercise just named, set off after its exercise word ("known locally as").
func TestNamesAfterVerbAndLocalName(t *testing.T) {
	x := mustFacts(t, "Ghana and Togo began Talisman Tern 2025 on Monday, a naval exercise with 3,000 troops.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Talisman Tern 2025", x.Exercises[0].Name)
	x = mustFacts(t, "Ghana hosted Expo 2025 last year, and the exercise begins next week.")
	assert.Empty(t, x.Exercises)
	x = mustFacts(t, "Ghana and Togo began the Coral Tern naval exercise, known locally as Karang Tern, on Monday.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Coral Tern", x.Exercises[0].Name)
	assert.Equal(t, []string{"Karang Tern"}, x.Exercises[0].Aliases)
}

// TestHostOwnPlace holds a host named as the modifier of a place noun after a place
// preposition, which outranks the dateline's country.
func TestHostOwnPlace(t *testing.T) {
	x := mustFacts(t, "TOKYO, Aug 21 (Kestrel) - Japanese and Philippine troops began Exercise Sakura Tern on Monday on the northern Philippine island of Luzon.")
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, "philippines", x.Exercises[0].HostID)
}

// TestQuotedNameAfterOwner holds a quoted name after a long owner phrase of the exercise word
// ("The joint exercise of the Collective Rapid Reaction Forces of the CSTO “…”").
func TestQuotedNameAfterOwner(t *testing.T) {
	x := mustFacts(t, "The joint exercise of the Collective Rapid Reaction Forces of the CSTO \"Steppe Tern-2027\" will be held from 10 to 16 October in Kyrgyzstan.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Steppe Tern-2027", x.Exercises[0].Name)
}

// TestLocalNameOfNamedExercise holds "The exercise, known in Ghana as …" after the exercise was
// named: another name for it, not another exercise.
func TestLocalNameOfNamedExercise(t *testing.T) {
	x := mustFacts(t, "Ghana and Togo began Exercise Coral Tern 2024 on Monday.\nThe exercise, known in Ghana as Karang Tern, is hosted by the navy.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, "Coral Tern 2024", x.Exercises[0].Name)
	assert.Contains(t, x.Exercises[0].Aliases, "Karang Tern")
}

// TestPlaceNamedDocuments holds documents and agreements named for a place as events, not the
// place's country ("under the Vienna Document", "the Paris Agreement"; event_words.txt).
func TestPlaceNamedDocuments(t *testing.T) {
	x := mustFacts(t, "Russia was notified of Exercise Coral Tern under the Vienna Document, and the Yaounde Code of Conduct applies.")
	_, austria := entityNamed(x, "Austria")
	assert.False(t, austria)
	_, ok := entityNamed(x, "Vienna Document")
	assert.True(t, ok)
	_, ok = entityNamed(x, "Yaounde Code of Conduct")
	assert.True(t, ok)
}

// TestTranslationSetOff holds a translation set off after a name ("Coral Tern, Twi for “Sea
// Bird”,") as another name of the exercise, not a person.
func TestTranslationSetOff(t *testing.T) {
	x := mustFacts(t, "Exercise Coral Tern began on Monday.\nCoral Tern, Twi for \"Sea Bird\", was launched in 2019.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Contains(t, x.Exercises[0].Aliases, "Sea Bird")
	_, person := entityNamed(x, "Sea Bird")
	assert.False(t, person)
}

// TestAlternativeNameInCapitals holds another name in capitals after ", or" as an alias.
func TestAlternativeNameInCapitals(t *testing.T) {
	x := mustFacts(t, "Navies began Baltic Tern 2025, or BALTERN, on Monday, the annual exercise in the Baltic.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	assert.Equal(t, []string{"BALTERN"}, x.Exercises[0].Aliases)
}
