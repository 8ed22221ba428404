package cluster

import (
	"slices"
	"testing"
)

// angles are two sets of reports on one ferry sinking: the rescue, and
// the operator and the inquiry.
var angles = []Doc{
	{ID: "r1", Title: "Coast guard rescues 212 from sinking ferry Aurelia off Tamsin Point",
		Text: "The coast guard rescued 212 passengers and crew from the ferry Aurelia after it struck rocks off Tamsin Point on Tuesday night and sank within two hours. Captain Idris Valo was the last to leave the ship, rescuers said. Three people are missing and divers will resume the search at dawn."},
	{ID: "r2", Title: "Survivors of the Aurelia describe cold night in lifeboats",
		Text: "Survivors of the Aurelia said they waited in lifeboats for hours before coast guard cutters reached them off Tamsin Point. Captain Idris Valo ordered the ship abandoned after it struck rocks, passengers said. Divers are searching for three missing people."},
	{ID: "r3", Title: "Divers search for three missing after Aurelia ferry sinks",
		Text: "Coast guard divers searched the wreck of the ferry Aurelia off Tamsin Point for three missing passengers. The ferry struck rocks and sank on Tuesday night; 212 people were rescued from lifeboats, and Captain Idris Valo was questioned by police."},
	{ID: "b1", Title: "Brightwater Lines suspends sailings after Aurelia loss",
		Text: "Brightwater Lines, which operated the ferry Aurelia, suspended all its sailings on Wednesday while inspectors check its fleet. Transport minister Hala Dern ordered an inquiry into the sinking and the company's safety record. Shares in Brightwater fell twelve percent in Velmar. Captain Idris Valo had sailed the route for years. The Aurelia struck rocks off Tamsin Point on Tuesday night and sank; the coast guard rescued 212 people from lifeboats and three are missing."},
	{ID: "b2", Title: "Minister orders inquiry into Brightwater Lines after ferry sinks",
		Text: "Transport minister Hala Dern said an inquiry would examine how Brightwater Lines maintained the Aurelia, which sank off Tamsin Point. Brightwater suspended its sailings and its shares fell in Velmar trading. Unions said inspectors had warned about the fleet. The Aurelia struck rocks off Tamsin Point on Tuesday night and sank; the coast guard rescued 212 people from lifeboats and three are missing."},
	{ID: "b3", Title: "Brightwater shares slide as inspectors check ferry fleet",
		Text: "Shares in Brightwater Lines slid for a second day in Velmar as inspectors checked the ferries of the company whose Aurelia sank. Hala Dern, the transport minister, said the inquiry would report within a month, and sailings stay suspended. The Aurelia struck rocks off Tamsin Point on Tuesday night and sank; the coast guard rescued 212 people from lifeboats and three are missing."},
}

// TestRefineJoinsTwoAnglesOfOneDay: a ferry sinking reported from the
// rescue and from the operator's side on the same day is one story; the
// same reports weeks apart, or with no dates to tie them, are two.
func TestRefineJoinsTwoAnglesOfOneDay(t *testing.T) {
	for _, tt := range []struct {
		name   string
		rescue string // publication date of the rescue reports, the others on 2025-04-02
		want   []string
	}{
		{"same day", "2025-04-02", []string{"b1+b2+b3+r1+r2+r3"}},
		{"weeks apart", "2025-03-10", []string{"b1+b2+b3", "r1+r2+r3"}},
		{"undated", "", []string{"b1+b2+b3", "r1+r2+r3"}},
	} {
		c := New(Options{GuessNames: true})
		for _, d := range angles {
			switch {
			case tt.rescue == "":
			case d.ID[0] == 'r':
				d.Published = date(tt.rescue)
			default:
				d.Published = date("2025-04-02")
			}
			c.Add(d)
		}
		c.Refine()
		if got := storySets(c); !slices.Equal(got, tt.want) {
			t.Errorf("%s: stories %v, want %v", tt.name, got, tt.want)
		}
	}
}
