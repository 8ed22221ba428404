package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline/internal/entity"
	"github.com/storyline-news/storyline/internal/news"
)

var entitiesFlags struct {
	typ, story, query string
	limit, offset     int
}

var cmdEntities = &Command{
	Name:      "entities",
	UsageLine: "entities [--type PER|ORG|LOC|MISC] [--story ID] [--query TEXT] [--limit N] [--json]",
	Short:     "list people, organisations and places, with counts and aliases",
	Long: `Entities lists the people, organisations, places and other names found in
the stored articles, resolved across spellings and articles, the most
mentioned first, with their aliases.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&entitiesFlags.typ, "type", "", "only entities of this `type`: PER, ORG, LOC or MISC")
		fs.StringVar(&entitiesFlags.story, "story", "", "only entities mentioned in this story `ID`")
		fs.StringVar(&entitiesFlags.query, "query", "", "only entities whose name or an alias contains this `text`")
		fs.IntVar(&entitiesFlags.limit, "limit", 50, "show at most `n` entities")
		fs.IntVar(&entitiesFlags.offset, "offset", 0, "skip the first `n` entities")
	},
	Run: runEntities,
}

func runEntities(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("entities takes no arguments")
	}
	typ := news.EntityType(strings.ToUpper(entitiesFlags.typ))
	switch typ {
	case "", news.Person, news.Organisation, news.Place, news.OtherName:
	default:
		return usageErrorf("--type must be PER, ORG, LOC or MISC, not %q", entitiesFlags.typ)
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := st.Entities(ctx, news.EntityFilter{Type: typ, Story: news.StoryID(entitiesFlags.story),
		Query: entitiesFlags.query, Limit: entitiesFlags.limit, Offset: entitiesFlags.offset})
	if err != nil {
		return err
	}
	page := struct {
		Total    int           `json:"total"`
		Entities []news.Entity `json:"entities"`
	}{total, nonNil(list)}
	return printPage(env, page, len(list), total, "entities", tableRows("ID\tTYPE\tMENTIONS\tNAME\tALIASES", list, func(e news.Entity) string {
		return fmt.Sprintf("%s\t%s\t%d\t%s\t%s", e.ID, e.Type, e.Mentions, e.Name, clip(strings.Join(e.Aliases, "; "), 60))
	}))
}

var cmdEntity = &Command{
	Name:      "entity",
	UsageLine: "entity [--json] NAME|ID | entity alias NAME ALIAS... | entity merge NAME OTHER... | entity split NAME SENSE[:CUE,CUE] SENSE[:CUE,...]... | entity rename NAME NEWNAME",
	Short:     "show an entity, or correct how names are resolved",
	Long: `Entity shows one entity (by ID, name or alias): its aliases, roles, the
stories it appears in, the entities it appears with, and its mentions over
time.

The other forms correct entity resolution. They write to the alias file
(storyline-aliases.txt beside the store, or $STORYLINE_ALIASES; see
docs/aliases.md), which every later run respects, then resolve the stored
articles again:

	entity alias "Tehreek-e-Taliban Pakistan" "Pak Taliban" TTP
	entity merge "Harbour Light Trust" "Harbor Light Foundation"
	entity split Apex "Apex Motors:Detroit,Ford" "Apex Bank:Frankfurt"
	entity rename "Lena Marsh" "Helena Marsh"`,
	Run: runEntity,
}

func runEntity(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("entity needs a name or ID")
	}
	switch args[0] {
	case "alias", "merge", "split", "rename":
		return editAliases(ctx, env, args[0], args[1:])
	}
	name := strings.Join(args, " ")
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	id, err := findEntity(ctx, st, name)
	if err != nil {
		return err
	}
	d, err := st.Entity(ctx, id)
	if err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, d)
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s (%s)\n%s\n", d.Name, d.Type, strings.Repeat("=", min(len([]rune(d.Name))+len(d.Type)+3, 78)))
	tw := newTable(w)
	fmt.Fprintf(tw, "id\t%s\n", d.ID)
	fmt.Fprintf(tw, "mentions\t%d\n", d.Mentions)
	if len(d.Aliases) > 0 {
		fmt.Fprintf(tw, "aliases\t%s\n", strings.Join(d.Aliases, "; "))
	}
	if len(d.Roles) > 0 {
		fmt.Fprintf(tw, "roles\t%s\n", strings.Join(d.Roles, "; "))
	}
	if d.Country != "" || d.Lat != 0 || d.Lon != 0 {
		fmt.Fprintf(tw, "place\t%s  %.4f, %.4f\n", d.Country, d.Lat, d.Lon)
	}
	tw.Flush()
	if len(d.Stories) > 0 {
		fmt.Fprint(w, "\nStories:\n")
		tw = newTable(w)
		for _, s := range d.Stories {
			fmt.Fprintf(tw, "  %s\t%s\t%d articles\t%s\n", s.ID, span(s.Begin, s.End), s.Size, clip(s.Title, 60))
		}
		tw.Flush()
	}
	if len(d.With) > 0 {
		fmt.Fprint(w, "\nAppears with:\n")
		var parts []string
		for _, c := range d.With[:min(len(d.With), 15)] {
			parts = append(parts, fmt.Sprintf("%s (%d)", c.Name, c.Count))
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(parts, ", "))
	}
	if len(d.Months) > 0 {
		fmt.Fprint(w, "\nMentions by month:\n")
		most := 0
		for _, c := range d.Months {
			most = max(most, c.Count)
		}
		for _, c := range d.Months {
			fmt.Fprintf(w, "  %s %s %d\n", c.Key, strings.Repeat("█", max(1, c.Count*40/most)), c.Count)
		}
	}
	return nil
}

// findEntity finds an entity by ID, then by exact name or alias, then by a
// name containing the text.
func findEntity(ctx context.Context, st Store, name string) (news.EntityID, error) {
	if _, err := st.Entity(ctx, news.EntityID(name)); err == nil {
		return news.EntityID(name), nil
	} else if !errors.Is(err, news.ErrNotFound) {
		return "", err
	}
	list, _, err := st.Entities(ctx, news.EntityFilter{Query: name, Limit: 50})
	if err != nil {
		return "", err
	}
	key := entity.Key(name)
	for _, e := range list {
		if entity.Key(e.Name) == key {
			return e.ID, nil
		}
	}
	for _, e := range list {
		for _, a := range e.Aliases {
			if entity.Key(a) == key {
				return e.ID, nil
			}
		}
	}
	if len(list) > 0 {
		return list[0].ID, nil
	}
	return "", fmt.Errorf("entity %q: %w", name, news.ErrNotFound)
}

// editAliases applies one alias-file edit, saves the file and resolves the
// stored articles again.
func editAliases(ctx context.Context, env *Env, op string, args []string) error {
	path := aliasPath(env)
	al, err := entity.LoadAliases(path)
	if err != nil {
		return err
	}
	switch op {
	case "alias":
		if len(args) < 2 {
			return usageErrorf("entity alias needs a name and at least one alias")
		}
		err = al.Add(args[0], args[1:]...)
	case "merge":
		if len(args) < 2 {
			return usageErrorf("entity merge needs at least two names")
		}
		err = al.Merge(args...)
	case "split":
		if len(args) < 3 {
			return usageErrorf("entity split needs a name and at least two senses")
		}
		var senses []entity.Sense
		for _, a := range args[1:] {
			name, cues, _ := strings.Cut(a, ":")
			s := entity.Sense{Name: strings.TrimSpace(name)}
			for _, c := range strings.Split(cues, ",") {
				if c = strings.TrimSpace(c); c != "" {
					s.Cues = append(s.Cues, c)
				}
			}
			senses = append(senses, s)
		}
		err = al.Split(args[0], senses...)
	case "rename":
		if len(args) != 2 {
			return usageErrorf("entity rename needs the name and the new name")
		}
		err = al.Rename(args[0], args[1])
	}
	if err != nil {
		return fmt.Errorf("entity %s: %w", op, err)
	}
	if err := al.Save(path); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wrote %q\n", path)
	st, err := openStore(ctx, env, true)
	if err != nil {
		return nil // no store yet: the file applies to the first ingest
	}
	defer st.Close()
	if err := regroup(ctx, env, st); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "resolved the stored articles again")
	return nil
}
