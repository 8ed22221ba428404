package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/demo"
	"github.com/storyline-news/storyline/internal/evaluate/clustering"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/queue"
	"github.com/storyline-news/storyline/internal/source"
)

// pgCluster is a PostgreSQL cluster of the test's own, on a free port,
// which the test may stop and start: the shared server on 5432 serves
// other tests and must never be restarted.
type pgCluster struct {
	t    *testing.T
	bin  string // the directory of initdb and pg_ctl
	dir  string // the cluster's directory: data, socket and log
	port int
	// cred is the user the server runs as (initdb refuses root); nil to
	// run it as this process's user.
	cred *syscall.Credential
}

// startCluster makes and starts a cluster, stopped and removed when the
// test ends. It skips the test when it cannot: no PostgreSQL binaries,
// or running as root without a postgres user to run them as.
func startCluster(t *testing.T) *pgCluster {
	c := &pgCluster{t: t, bin: postgresBin()}
	if c.bin == "" {
		t.Skip("no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or $PATH")
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skipf("running as root, and initdb refuses root: no postgres user to run it as (%v)", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	// Not under t.TempDir, whose parents only root may enter.
	dir, err := os.MkdirTemp("", "storyline-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c.dir = dir
	t.Cleanup(func() {
		c.pgCtl("stop", "-m", "immediate") // an error: it was not running
		os.RemoveAll(c.dir)
	})
	if c.cred != nil {
		if err := os.Chown(dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			t.Skipf("cannot hand %s to the postgres user: %v", dir, err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	if out, err := c.command("initdb", "-D", c.data(), "-A", "trust", "-U", "root", "-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput(); err != nil {
		t.Skipf("initdb: %v\n%s", err, out)
	}
	c.start()
	return c
}

// postgresBin returns the directory of the newest PostgreSQL's initdb and
// pg_ctl, or "".
func postgresBin() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	version := func(dir string) int {
		v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
		return v
	}
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	if p, err := exec.LookPath("initdb"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	for _, d := range dirs {
		_, e1 := os.Stat(filepath.Join(d, "initdb"))
		_, e2 := os.Stat(filepath.Join(d, "pg_ctl"))
		if e1 == nil && e2 == nil {
			return d
		}
	}
	return ""
}

func (c *pgCluster) data() string { return filepath.Join(c.dir, "data") }

// address is the store address of the cluster's postgres database.
func (c *pgCluster) address() string {
	return fmt.Sprintf("postgres://root@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=5", c.port)
}

func (c *pgCluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	return cmd
}

// pgCtl runs pg_ctl on the cluster, waiting for it to finish the action.
func (c *pgCluster) pgCtl(args ...string) error {
	args = append([]string{"-D", c.data(), "-w", "-t", "120"}, args...)
	if out, err := c.command("pg_ctl", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("pg_ctl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// start starts the server. Its output goes to a log file, so that
// pg_ctl's pipe closes when pg_ctl exits.
func (c *pgCluster) start() {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", c.port, c.dir)
	if err := c.pgCtl("-l", filepath.Join(c.dir, "log"), "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		c.t.Fatalf("%v\nserver log:\n%s", err, log)
	}
}

// restart stops the server in mode (fast: sessions are ended and their
// transactions rolled back; immediate: as a crash, recovered from the
// WAL at start), leaves it down for down, and starts it again.
func (c *pgCluster) restart(mode string, down time.Duration) {
	if err := c.pgCtl("stop", "-m", mode); err != nil {
		c.t.Fatal(err)
	}
	time.Sleep(down)
	c.start()
}

// groupingWrite returns the statement of a grouping's write transaction
// in progress (one that holds the grouping's advisory lock and writes
// stories), or "" when none is.
func groupingWrite(ctx context.Context, conn *pgx.Conn) (string, error) {
	var q string
	err := conn.QueryRow(ctx, `SELECT a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND a.pid <> pg_backend_pid()
			AND a.query ILIKE ANY (ARRAY['%story%', '%stories%'])
		LIMIT 1`).Scan(&q)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return q, err
}

// TestWorkersSurvivePostgresRestart restarts PostgreSQL twice under two
// workers draining a thousand articles (issue 22): once, with a fast
// shutdown, while they store, and once, as a crash, while a grouping
// writes its stories. The workers must wait for the server and finish:
// every article stored once and in a story, no dead letters, and stories
// that agree with a direct ingest's (BCubed F1 at least 0.98). All the
// while a reader lists the stories, and must never see a half-written
// grouping: a story without its members, a member of no listed story,
// an article counted in two stories.
func TestWorkersSurvivePostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a PostgreSQL server of its own and drains a thousand articles")
	}
	q := natsQueue(t, queue.Options{})
	pg := startCluster(t)
	db := pg.address()

	corpus := t.TempDir()
	if err := demo.WriteTo(corpus); err != nil {
		t.Fatal(err)
	}
	inputs, generated := []string{corpus}, 800
	if _, err := os.Stat(ecbPlus); err == nil {
		inputs, generated = append(inputs, ecbPlus), 240
	}
	inputs = append(inputs, writeBenchCorpus(t, t.TempDir(), generated))
	ddb := filepath.Join(t.TempDir(), "direct.db")
	if code, out, errs := cli(t, "", append([]string{"ingest", "--db", ddb}, inputs...)...); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	direct, total := storyMembership(t, ddb)
	if code, out, errs := cli(t, "", append([]string{"ingest", "--nats", natsURL(), "--stream", q.Stream()}, inputs...)...); code != 0 {
		t.Fatalf("publish: %d %s %s", code, out, errs)
	}

	t0 := time.Now()
	var failed atomic.Int64 // the workers' failed tries to store a batch
	stop := startWorkers(t, q, queue.Options{}, db, 2, 16, func(h queue.Handler) queue.Handler { return failCounter{h, &failed} })
	rd := startReader(t, db)

	// A restart while the workers store.
	deadline := time.Now().Add(3 * time.Minute)
	for storedCount(db) < total/4 {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d articles stored after 3 minutes", storedCount(db), total)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("%d of %d articles stored after %v: restarting PostgreSQL (fast)", storedCount(db), total, time.Since(t0).Round(time.Millisecond))
	pg.restart("fast", 1500*time.Millisecond)

	// A crash while a grouping writes its stories.
	conn, err := pgx.Connect(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	var during string
	for i := 0; during == "" && time.Now().Before(deadline); i++ {
		if during, err = groupingWrite(t.Context(), conn); err != nil {
			t.Fatal(err)
		}
		if during == "" && i%50 == 49 && storedCount(db) == total && ungroupedCount(t, db) == 0 {
			break // all stored and grouped: too late
		}
		time.Sleep(5 * time.Millisecond)
	}
	conn.Close(context.Background())
	if during == "" {
		t.Fatal("saw no grouping write to crash PostgreSQL in")
	}
	t.Logf("%d of %d articles stored after %v: crashing PostgreSQL (immediate) while a grouping runs %.80q", storedCount(db), total, time.Since(t0).Round(time.Millisecond), during)
	pg.restart("immediate", 1500*time.Millisecond)
	crashed := rd.checkedNow()

	waitDrained(t, q, db, total, 0)
	t.Logf("drained %d articles after %v", total, time.Since(t0).Round(time.Millisecond))
	st, err := q.Status(t.Context()) // before the workers stop and leave it
	if err != nil || st.Failed != 0 {
		t.Errorf("queue %+v (%v), want no dead letters", st, err)
	}
	for _, w := range st.Workers {
		t.Logf("worker %s: %d batches, %d done, %d retried, %d redelivered, %d groupings", w.Name, w.Batches, w.Done, w.Retried, w.Redelivered, w.Groupings)
	}
	t.Logf("the workers' tries to store a batch failed %d times", failed.Load())
	if failed.Load() == 0 {
		t.Error("no worker's try to store a batch failed: the restarts missed the workers")
	}
	stop()
	rd.stop()

	members, stored := storyMembership(t, db)
	if stored != total || len(members) != total {
		t.Errorf("stored %d articles, %d in stories; a direct ingest stored %d", stored, len(members), total)
	}
	for a := range direct {
		if _, ok := members[a]; !ok {
			t.Errorf("article %s, stored by a direct ingest, is not stored in a story", a)
		}
	}
	s := clustering.Score(members, direct)
	t.Logf("through the restarts vs direct, %d articles: BCubed F1 %.3f, %d stories vs %d", total, s.BCubedF1, s.Stories, s.GoldStories)
	if s.BCubedF1 < 0.98 {
		t.Errorf("stories through the restarts vs a direct ingest's: BCubed F1 %.3f, want at least 0.98", s.BCubedF1)
	}

	// The reader.
	for _, v := range rd.violations {
		t.Error(v)
	}
	after := rd.checkedNow() - crashed
	t.Logf("reader: %d reads of stories checked (%d after the crash), %d failed (last: %v), %d skipped while writes committed",
		rd.checked, after, rd.errors, rd.lastErr, rd.moving)
	if after == 0 {
		t.Errorf("the reader checked no stories after the crash")
	}
	final := readStories(t.Context(), openDB(t, db))
	if final.err != nil || !final.stable || final.stories == 0 {
		t.Errorf("the drained store: %+v", final)
	}
	for _, v := range final.violations {
		t.Errorf("the drained store: %s", v)
	}
}

// failCounter is a worker's handler that counts the tries to store a
// batch that failed.
type failCounter struct {
	queue.Handler
	failed *atomic.Int64
}

func (h failCounter) Store(ctx context.Context, items []source.Item) ([]error, error) {
	problems, err := h.Handler.Store(ctx, items)
	if err != nil {
		h.failed.Add(1)
	}
	return problems, err
}

// reader lists the stories of a store over and over, as serve's readers
// would, and records what is wrong with what it sees.
type reader struct {
	done chan struct{}
	wg   sync.WaitGroup

	mu         sync.Mutex
	checked    int // consistent reads of stories checked
	moving     int // reads skipped: writes committed during them
	errors     int // reads that failed (the server restarting)
	lastErr    error
	violations []string
}

func startReader(t *testing.T, db string) *reader {
	st, err := openStore(t.Context(), &Env{DBPath: db, Stderr: io.Discard}, true)
	if err != nil {
		t.Fatal(err)
	}
	r := &reader{done: make(chan struct{})}
	r.wg.Go(func() {
		defer st.Close()
		ctx := context.Background()
		for {
			select {
			case <-r.done:
				return
			case <-time.After(20 * time.Millisecond):
			}
			rs := readStories(ctx, st)
			r.mu.Lock()
			switch {
			case rs.err != nil:
				r.errors++
				r.lastErr = rs.err
			case !rs.stable:
				r.moving++
			case rs.stories > 0:
				r.checked++
			}
			if len(r.violations) < 10 {
				r.violations = append(r.violations, rs.violations...)
			}
			r.mu.Unlock()
		}
	})
	t.Cleanup(r.stop)
	return r
}

// checkedNow returns how many reads of stories the reader checked so far.
func (r *reader) checkedNow() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.checked
}

func (r *reader) stop() {
	select {
	case <-r.done:
	default:
		close(r.done)
	}
	r.wg.Wait()
}

// storiesRead is what one read of the stories found.
type storiesRead struct {
	err        error
	stable     bool // no write committed during the read: one state of the store
	articles   int
	stories    int
	violations []string
}

// readStories reads the articles, the stories and each article's story,
// and a few stories' members, between two readings of the store's
// version. When the version did not change, the reads saw one committed
// state, which must hold whole groupings: every listed story has
// members, as many as it counts, that are stored articles in it; every
// article in a story is in a listed one, and in one only (the stories'
// counts add up to the articles in stories).
func readStories(ctx context.Context, st Store) storiesRead {
	var rs storiesRead
	v1, err := st.Version(ctx)
	if err != nil {
		return storiesRead{err: err}
	}
	arts, total, err := st.Articles(ctx, news.ArticleFilter{Limit: 100_000})
	if err != nil {
		return storiesRead{err: err}
	}
	stories, n, err := st.Stories(ctx, news.StoryFilter{Limit: 100_000})
	if err != nil {
		return storiesRead{err: err}
	}
	ids := make([]news.ArticleID, len(arts))
	stored := map[news.ArticleID]bool{}
	for i, a := range arts {
		ids[i] = a.ID
		stored[a.ID] = true
	}
	of, err := st.StoriesOf(ctx, ids)
	if err != nil {
		return storiesRead{err: err}
	}
	var details []news.StoryDetail
	for range min(3, len(stories)) {
		d, err := st.Story(ctx, stories[rand.IntN(len(stories))].ID)
		if err != nil {
			return storiesRead{err: err}
		}
		details = append(details, d)
	}
	v2, err := st.Version(ctx)
	if err != nil {
		return storiesRead{err: err}
	}
	rs.stable, rs.articles, rs.stories = v1 == v2, total, n
	if !rs.stable {
		return rs
	}
	bad := func(format string, args ...any) {
		rs.violations = append(rs.violations, fmt.Sprintf("version %d: ", v1)+fmt.Sprintf(format, args...))
	}
	if len(arts) != total || len(stories) != n {
		bad("listed %d of %d articles, %d of %d stories", len(arts), total, len(stories), n)
	}
	size := map[news.StoryID]int{}
	for _, id := range of {
		size[id]++
	}
	listed := map[news.StoryID]bool{}
	for _, s := range stories {
		listed[s.ID] = true
		if s.Size == 0 || s.Size != size[s.ID] {
			bad("story %s counts %d articles; %d stored articles are in it", s.ID, s.Size, size[s.ID])
		}
	}
	for a, s := range of {
		if !listed[s] {
			bad("article %s is in story %s, which is not listed", a, s)
		}
	}
	for _, d := range details {
		if len(d.Articles) != d.Size {
			bad("story %s counts %d articles and lists %d", d.ID, d.Size, len(d.Articles))
		}
		for _, a := range d.Articles {
			if !stored[a] {
				bad("story %s lists article %s, which is not stored", d.ID, a)
			} else if of[a] != d.ID {
				bad("story %s lists article %s, which is in story %q", d.ID, a, of[a])
			}
		}
	}
	return rs
}
