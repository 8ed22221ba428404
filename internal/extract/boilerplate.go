package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Line rules for boilerplate in plain-text articles: text copied from a web
// page often keeps its menu, share buttons, promos for other articles and
// photo captions, each on a line of its own. A rule drops a whole line, never
// part of one, and the rules that could match a real sentence also require
// the line to be short.
var (
	// bullet is the list marker a line may start with.
	bullet = regexp.MustCompile(`^[\s•·▪▫◦‣∙●○■□►▶»>*+\-–—]+`)

	socialWords = `(?:youtube|facebook|twitter|x|instagram|linkedin|whatsapp|telegram|pinterest|reddit|` +
		`tiktok|tumblr|snapchat|e-?mail|mail|print|copy\s+link|rss|google\s+news|flipboard|messenger|` +
		`vk|viber|threads|mastodon|koo|share|tweet|pocket|sms)`
	// socialLine is a line of nothing but social network names.
	socialLine = regexp.MustCompile(`(?i)^` + socialWords + `(?:\s*[|/,·•]?\s*` + socialWords + `)*$`)

	// siteNameLine is a short capitalised name ending in "News", such as a
	// site's "English News" banner.
	siteNameLine = regexp.MustCompile(`^(?:\p{Lu}[\p{L}&'.-]*\s+){0,3}(?:News|NEWS)$`)

	// navLine is a menu entry or page furniture standing alone.
	navLine = regexp.MustCompile(`(?i)^(?:home|menu|search|log\s?in|log\s?out|sign\s?in|sign\s?up|register|` +
		`subscribe(?:\s+now)?|newsletters?|advertisement|advertise|sponsored(?:\s+content)?|trending(?:\s+now)?|` +
		`latest|skip\s+to\s+(?:main\s+)?content|toggle\s+navigation|close|back\s+to\s+top|top\s+stories|` +
		`more\s+stories|related\s+(?:stories|articles|news|posts)|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|` +
		`most\s+(?:read|popular|viewed)|comments?|\d+\s+comments?|leave\s+a\s+(?:comment|reply)|loading\.*|` +
		`continue\s+reading|story\s+continues\s+below(?:\s+advertisement)?|scroll\s+to\s+continue(?:\s+with\s+content)?|` +
		`share|share\s+this(?:\s+(?:article|story|post))?|print|email)$`)

	// promoLine opens a link to another article or a list of topics.
	promoLine = regexp.MustCompile(`(?i)^(?:also\s+read|read\s+also|also\s+see|see\s+also|must\s+read|` +
		`don'?t\s+miss|do\s+not\s+miss|also\s+watch|watch\s+also|read\s+next)\b`)
	// promoSepLine opens a promo only when a separator follows the label.
	promoSepLine = regexp.MustCompile(`(?i)^(?:read\s+more|more|related|recommended|suggested|watch|listen|` +
		`tags?|topics?|filed\s+under|next|previous|prev|source|more\s+on\s+this|trending)\s*[:：|»>]`)
	// readMoreLine is "Read more ..." without a sentence after it.
	readMoreLine = regexp.MustCompile(`(?i)^read\s+more\b[^.!?]*$`)

	// followLine asks the reader to share, follow, subscribe or click.
	followLine = regexp.MustCompile(`(?i)^(?:share\s+(?:this|on|via|the|your)|share\s*:|follow\s+(?:us|@|him|her|me|the|our)|` +
		`like\s+us\s+on|subscribe\b|sign\s+up\s+(?:for|to|now)|click\s+here|tap\s+here|download\s+(?:the|our)\s+app|` +
		`join\s+(?:us|our)\s+(?:on|whatsapp|telegram|channel)|get\s+the\s+latest|for\s+(?:the\s+)?latest\s+(?:news|updates)|` +
		`stay\s+(?:updated|informed|tuned\s+to)|to\s+receive\s+(?:our|the\s+latest)|(?:catch|get)\s+all\s+the\s+latest)`)

	// promoHeading is a heading, alone on its line, over a list of links to
	// other articles.
	promoHeading = regexp.MustCompile(`(?i)^(?:also\s+read|read\s+also|read\s+more|see\s+also|more|related|` +
		`related\s+(?:stories|articles|news|posts|coverage|content|links|topics)|you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)|` +
		`recommended(?:\s+(?:for\s+you|stories|reading|articles))?|don'?t\s+miss|do\s+not\s+miss|most\s+(?:read|popular|viewed|shared)|` +
		`trending(?:\s+now)?|more\s+(?:\S+\s+){0,3}(?:stories|news|articles|videos)|top\s+stories|latest\s+(?:news|stories)|` +
		`(?:more\s+)?from\s+(?:the\s+)?web|around\s+the\s+web|(?:sponsored|promoted)\s+(?:stories|links|content)|` +
		`what\s+to\s+read\s+next|up\s+next|leggi\s+anche|lesen\s+sie\s+auch|lire\s+aussi|leia\s+tamb[ée]m|lee\s+tambi[ée]n)` +
		`\s*[:.…!»>]*$`)

	// readingTime is a "5 min read" label.
	readingTime = regexp.MustCompile(`(?i)^(?:(?:estimated\s+)?reading\s+time|tempo\s+de\s+leitura|lesezeit|temps\s+de\s+lecture|tiempo\s+de\s+lectura)\s*:|` +
		`^\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$`)
	// contactLine is "Write to Jane Doe at jane@example.com".
	contactLine = regexp.MustCompile(`(?i)^(?:write\s+to|contact|email|e-mail|reach)\s+.{0,60}\bat\s+\S+@\S+`)

	// widgetLine is the text of a sign-up, e-mail or reprint widget.
	widgetLine = regexp.MustCompile(`(?i)^(?:thanks?(?:\s+you)?\s+for\s+(?:signing\s+up|subscribing)|` +
		`there\s+was\s+an\s+error\s+processing\s+your\s+subscription|keep\s+an\s+eye\s+on\s+your\s+inbox|` +
		`an\s+error\s+(?:has\s+)?occurred|please\s+try\s+again(?:\s+later)?\.?$|sorry!?$|you'?re\s+all\s+set|` +
		`this\s+article\s+has\s+been\s+sent\s+to|this\s+copy\s+is\s+for\s+your\s+personal,?\s+non-commercial\s+use|` +
		`(?:we|this\s+site)\s+uses?\s+cookies|by\s+(?:continuing|using\s+this\s+site),?\s+you\s+agree|` +
		`enable\s+javascript|your\s+browser\s+(?:does\s+not|doesn'?t)\s+support)`)

	copyrightLine = regexp.MustCompile(`(?i)^(?:©|\(c\)\s|copyright\b)|all rights reserved`)

	// Photo captions and credits.
	creditLabel = regexp.MustCompile(`(?i)^[(\[]?\s*(?:(?:file\s+)?(?:photo|image|picture|pic|photograph|video|graphic|` +
		`illustration)s?\s*(?:credits?|courtesy|by|source)?|credits?|courtesy|photo\s+courtesy)\s*[:：\-–—|]`)
	filePhoto    = regexp.MustCompile(`(?i)^[(\[]?\s*(?:file|representational|representative)\s+(?:photo|image|picture|pic)s?\s*[)\]]?\.?$`)
	creditParens = regexp.MustCompile(`(?i)[(\[]\s*(?:photo|image|picture|pic|file(?:\s+photo)?|credits?|courtesy|source|` +
		`representational(?:\s+image)?|representative\s+image)\b[^()\[\]]{0,60}[)\]]\.?\s*$`)
	creditColon  = regexp.MustCompile(`(?i)(?:^|[\s|/–—-])(?:photo|image|picture|pic|file\s+photo)s?\s*(?:credits?|courtesy|by)?\s*[:：]\s*[^.!?:]{1,60}$`)
	creditAgency = regexp.MustCompile(`(?i)(?:\b(?:AP|AFP|Reuters|EPA|Getty\s+Images|Xinhua|PTI|ANI|IANS|AA)\s+(?:file\s+)?(?:photo|image|picture)s?\)?\.?` +
		`|[|/]\s*(?:AP|AFP|Reuters|EPA|Getty\s+Images|Xinhua|Shutterstock|iStock|PTI|ANI)(?:\s+photo)?\.?)\s*$`)
)

// Length limits for the rules that could otherwise hit a real sentence.
const (
	maxShortWords   = 25 // promos, calls to follow, copyright lines
	maxCaptionWords = 50 // photo captions that end in a credit
)

// creditTail is how much of the end of a line the caption-credit rules
// read: a credit is short, and reading only the tail keeps the rules fast on
// long lines.
const creditTail = 100

// isBoilerplateLine reports whether one line of a plain-text article is
// page furniture rather than article text.
func isBoilerplateLine(line string) bool {
	s := strings.TrimSpace(bullet.ReplaceAllString(line, ""))
	if s == "" {
		return strings.TrimSpace(line) != "" // a bare bullet or rule
	}
	words := wordCount(s)
	if words == 0 {
		return true // "***", "—", "|"
	}
	// The rules anchored at the start fail fast on any line.
	switch {
	case socialLine.MatchString(s), navLine.MatchString(s), promoLine.MatchString(s), promoHeading.MatchString(s):
		return true
	case words <= 4 && siteNameLine.MatchString(s):
		return true
	case filePhoto.MatchString(s):
		return true
	}
	if words > maxCaptionWords {
		return false
	}
	if widgetLine.MatchString(s) {
		return true
	}
	lower := strings.ToLower(s)
	if words <= maxShortWords {
		switch {
		case promoSepLine.MatchString(s), readMoreLine.MatchString(s), followLine.MatchString(s),
			strings.Contains(lower, "click here"), copyrightLine.MatchString(s), creditLabel.MatchString(s),
			readingTime.MatchString(s), contactLine.MatchString(s):
			return true
		}
	}
	tail := s
	if len(tail) > creditTail {
		cut := len(tail) - creditTail
		for cut < len(tail) && !utf8.RuneStart(tail[cut]) {
			cut++
		}
		tail = " " + tail[cut:]
	}
	// Cheap tests first: each credit rule needs a mark the line must hold.
	end := strings.TrimRight(tail, " .")
	lowTail := strings.ToLower(tail)
	return (strings.HasSuffix(end, ")") || strings.HasSuffix(end, "]")) && creditParens.MatchString(tail) ||
		strings.ContainsAny(tail, ":：") && creditColon.MatchString(tail) ||
		(strings.ContainsAny(tail, "|/") || strings.Contains(lowTail, "photo") || strings.Contains(lowTail, "image") ||
			strings.Contains(lowTail, "picture")) && creditAgency.MatchString(tail)
}

// maxLinkWords is the longest a line in a list of links to other articles
// may be, in words.
const maxLinkWords = 20

// dropBoilerplate removes boilerplate lines (see isBoilerplateLine) and, after
// a promo heading standing alone ("Related", "You may also like..."), the
// headline-like lines that follow it: short, and not ending in a full stop.
// A blank line after at least one such headline ends the list.
func dropBoilerplate(lines []string) []string {
	lines = dropMenus(lines)
	kept := lines[:0]
	inPromo, links := false, 0
	for _, l := range lines {
		s := strings.TrimSpace(bullet.ReplaceAllString(l, ""))
		if s == "" {
			if strings.TrimSpace(l) == "" {
				kept = append(kept, l) // blank lines separate paragraphs
				inPromo = inPromo && links == 0
			}
			continue
		}
		if promoHeading.MatchString(s) {
			inPromo, links = true, 0
			continue
		}
		if inPromo {
			if wordCount(s) <= maxLinkWords && !strings.HasSuffix(s, ".") {
				links++
				continue
			}
			inPromo = false
		}
		if !isBoilerplateLine(l) {
			kept = append(kept, l)
		}
	}
	return kept
}

// maxMenuWords is the longest a menu entry may be, in words.
const maxMenuWords = 3

// dropMenus removes menus: runs of at least two bulleted lines (blank lines
// between them allowed) of at most maxMenuWords words each, none ending a
// sentence ("• Home", "• World", "• Subscribe"). An article's own lists
// have longer items.
func dropMenus(lines []string) []string {
	isEntry := func(l string) bool {
		m := bullet.FindString(l)
		if strings.TrimSpace(m) == "" {
			return false
		}
		s := strings.TrimSpace(l[len(m):])
		return s != "" && wordCount(s) <= maxMenuWords && !endsSentence(s)
	}
	drop := make([]bool, len(lines))
	for i := 0; i < len(lines); {
		if !isEntry(lines[i]) {
			i++
			continue
		}
		var run []int
		j := i
		for j < len(lines) && (isEntry(lines[j]) || strings.TrimSpace(lines[j]) == "") {
			if isEntry(lines[j]) {
				run = append(run, j)
			}
			j++
		}
		if len(run) >= 2 {
			for _, k := range run {
				drop[k] = true
			}
		}
		i = j
	}
	out := lines[:0]
	for i, l := range lines {
		if !drop[i] {
			out = append(out, l)
		}
	}
	return out
}
