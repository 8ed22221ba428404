package cluster

import "math"

// centroid is the sum of its members' unit vectors, as features sorted by
// id, pruned to its heaviest features when it grows past twice maxCentroid.
type centroid struct {
	fs    []feat
	norm2 float64 // squared norm
	// spare is the buffer the next merge writes into: merges alternate
	// between two buffers instead of allocating one each (a story's
	// centroid is merged once per member, and Refine rebuilds many).
	// Centroids are never copied while both copies are merged.
	spare []feat
}

func newCentroid() centroid { return centroid{} }

func centroidOf(fs []feat) centroid {
	var cen centroid
	cen.add(fs, 1)
	return cen
}

// add adds sign times fs (sorted by id) to the centroid; features that fall
// to about zero are dropped.
func (cen *centroid) add(fs []feat, sign float32) {
	cen.merge(fs, sign)
}

// addCentroid adds another centroid.
func (cen *centroid) addCentroid(o centroid) { cen.merge(o.fs, 1) }

func (cen *centroid) merge(fs []feat, sign float32) {
	if len(fs) == 0 {
		return
	}
	out := cen.spare[:0]
	if need := len(cen.fs) + len(fs); cap(out) < need {
		out = make([]feat, 0, need+need/4)
	}
	a := cen.fs
	var norm2 float64
	put := func(id uint32, w float32) {
		if w > 1e-6 {
			out = append(out, feat{id, w})
			norm2 += float64(w) * float64(w)
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(fs) {
		switch {
		case j == len(fs) || i < len(a) && a[i].id < fs[j].id:
			put(a[i].id, a[i].w)
			i++
		case i == len(a) || fs[j].id < a[i].id:
			put(fs[j].id, sign*fs[j].w)
			j++
		default:
			put(a[i].id, a[i].w+sign*fs[j].w)
			i++
			j++
		}
	}
	cen.spare = a[:0]
	cen.fs, cen.norm2 = out, norm2
	if len(cen.fs) > 2*maxCentroid {
		cen.prune()
	}
}

func (cen *centroid) prune() {
	cen.fs = topByWeight(cen.fs, maxCentroid)
	cen.norm2 = 0
	for _, f := range cen.fs {
		cen.norm2 += float64(f.w) * float64(f.w)
	}
}

// dot is the dot product of the centroid with fs (sorted by id).
func (cen *centroid) dot(fs []feat) float64 { return dotSorted(cen.fs, fs) }

// dotCentroid is the dot product of two centroids.
func (cen *centroid) dotCentroid(o centroid) float64 { return dotSorted(cen.fs, o.fs) }

// cosine is the cosine of unit vector u (sorted by id) and the centroid;
// when self is set u is taken out of the centroid first (as far as pruning
// left it there).
func (cen *centroid) cosine(u []feat, self bool) float64 {
	var dot float64
	n2 := cen.norm2
	a := cen.fs
	for i, j := 0, 0; i < len(a) && j < len(u); {
		switch {
		case a[i].id < u[j].id:
			i++
		case a[i].id > u[j].id:
			j++
		default:
			cw, fw := float64(a[i].w), float64(u[j].w)
			if self {
				own := min(fw, cw)
				n2 -= cw*cw - (cw-own)*(cw-own)
				cw -= own
			}
			dot += fw * cw
			i++
			j++
		}
	}
	if n2 <= 1e-9 || dot <= 0 {
		return 0
	}
	return dot / math.Sqrt(n2)
}

// unit returns the centroid scaled to unit length.
func (cen *centroid) unit() []feat {
	if cen.norm2 <= 0 {
		return nil
	}
	inv := float32(1 / math.Sqrt(cen.norm2))
	fs := make([]feat, len(cen.fs))
	for i, f := range cen.fs {
		fs[i] = feat{f.id, f.w * inv}
	}
	return fs
}
