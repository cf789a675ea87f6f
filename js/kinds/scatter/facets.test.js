import { describe, expect, it } from "vitest";
import { facetGrid, facetMembership, panelScales } from "./facets.js";

const margin = { left: 40, right: 10, top: 5, bottom: 20 };

describe("facetGrid", () => {
  it("fills a wide area with one row and a square one with a square grid", () => {
    expect(facetGrid(4, 1200, 300, { margin }).columns).toBe(4);
    const square = facetGrid(4, 600, 600, { margin });
    expect([square.columns, square.rows]).toEqual([2, 2]);
  });

  it("gives every panel the same size, inside the margins, with gaps and titles", () => {
    const { panels } = facetGrid(5, 800, 500, { margin, gap: 12, title: 16 });
    expect(panels).toHaveLength(5);
    for (const p of panels) {
      expect(p.width).toBeCloseTo(panels[0].width);
      expect(p.height).toBeCloseTo(panels[0].height);
      expect(p.x).toBeGreaterThanOrEqual(margin.left);
      expect(p.x + p.width).toBeLessThanOrEqual(800 - margin.right + 1e-9);
      expect(p.y).toBeGreaterThanOrEqual(margin.top + 16);
      expect(p.y + p.height).toBeLessThanOrEqual(500 - margin.bottom + 1e-9);
    }
    // No two panels overlap (titles included).
    for (const a of panels) {
      for (const b of panels) {
        if (a === b) continue;
        const apart =
          a.x + a.width + 12 <= b.x + 1e-9 ||
          b.x + b.width + 12 <= a.x + 1e-9 ||
          a.y + a.height + 12 + 16 <= b.y + 1e-9 ||
          b.y + b.height + 12 + 16 <= a.y + 1e-9;
        expect(apart).toBe(true);
      }
    }
  });

  it("lays out one panel over the whole area inside the margins", () => {
    const [p] = facetGrid(1, 500, 300, { margin }).panels;
    expect(p).toMatchObject({ x: 40, y: 5, width: 450, height: 275 });
  });
});

describe("panelScales", () => {
  it("maps the shared ranges to the same place in every panel, y up", () => {
    const { panels } = facetGrid(3, 900, 300, { margin, gap: 10 });
    const scales = panelScales(panels, [0, 10], [-1, 1], 2);
    for (const s of scales) {
      expect(s.ox + 0 * s.sx).toBeCloseTo(s.left);
      expect(s.ox + 10 * s.sx).toBeCloseTo(s.right);
      expect(s.oy + -1 * s.sy).toBeCloseTo(s.bottom);
      expect(s.oy + 1 * s.sy).toBeCloseTo(s.top);
      expect(s.sx).toBeCloseTo(scales[0].sx);
      expect(s.sy).toBeCloseTo(scales[0].sy);
    }
    expect(scales[0].left).toBe(Math.round(panels[0].x * 2));
  });
});

describe("facetMembership", () => {
  it("splits K points into equal consecutive groups", () => {
    const { labels, panelOf } = facetMembership({ count: 4 }, 10);
    expect([...panelOf]).toEqual([0, 0, 1, 1, 1, 2, 2, 3, 3, 3]);
    expect(labels).toEqual(["points 0–1", "points 2–4", "points 5–6", "points 7–9"]);
  });

  it("assigns points to labelled panels", () => {
    // Panels "a", "b"; points 0 and 2 in "a", point 1 in "b" (bytes 0, 1, 0).
    const { labels, panelOf } = facetMembership({ labels: ["a", "b"], index: "AAEA" }, 3);
    expect(labels).toEqual(["a", "b"]);
    expect([...panelOf]).toEqual([0, 1, 0]);
  });

  it("is one unlabelled panel without facets", () => {
    expect(facetMembership(null, 5)).toEqual({ labels: [], panelOf: null });
    expect(facetMembership({ count: 1 }, 5).panelOf).toBe(null);
  });
});
