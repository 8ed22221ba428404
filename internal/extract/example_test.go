package extract_test

import (
	"fmt"

	"github.com/storyline-news/storyline/internal/extract"
)

func ExampleText() {
	p := extract.Text(` date 2021-10-02 Port Elwin reopens its harbour bridge

English News
  • facebook
  • twitter

The harbour bridge in Port Elwin reopened on Wednesday after six weeks of repairs, the council said.
Engineers replaced two steel cables and rebuilt part of the road deck.
Also Read : Storm season starts early this year`)
	fmt.Println(p.Title)
	fmt.Println(p.Published.Format("2006-01-02"), p.DateSource)
	fmt.Println(p.Text)
	// Output:
	// Port Elwin reopens its harbour bridge
	// 2021-10-02 header
	// The harbour bridge in Port Elwin reopened on Wednesday after six weeks of repairs, the council said.
	//
	// Engineers replaced two steel cables and rebuilt part of the road deck.
}

func ExampleHTML() {
	page := []byte(`<html lang="en"><head>
<title>Harbour bridge reopens | The Lakeside Courier</title>
<meta property="og:site_name" content="The Lakeside Courier">
<meta property="article:published_time" content="2023-04-12T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens</h1>
<p>The harbour bridge in Port Elwin reopened on Wednesday after six weeks of repairs to the damage left by the February storm, the council said.</p>
<p>Engineers replaced two of the steel cables that hold the eastern span and rebuilt a section of the road deck that had cracked.</p>
</article>
<footer>© 2023 The Lakeside Courier</footer>
</body></html>`)
	p, err := extract.HTML(page, "https://lakeside-courier.example/news/bridge")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s | %s | %s | %s\n", p.Title, p.Outlet, p.Published.Format("2006-01-02"), p.Language)
	fmt.Println(p.Text)
	// Output:
	// Harbour bridge reopens | The Lakeside Courier | 2023-04-12 | en
	// The harbour bridge in Port Elwin reopened on Wednesday after six weeks of repairs to the damage left by the February storm, the council said.
	//
	// Engineers replaced two of the steel cables that hold the eastern span and rebuilt a section of the road deck that had cracked.
}

func ExampleOutletFromURL() {
	fmt.Println(extract.OutletFromURL("https://www.dawn.com/news/1650352"))
	fmt.Println(extract.OutletFromURL("https://edition.cnn.com/2021/10/02/asia/story"))
	// Output:
	// dawn.com
	// cnn.com
}
