// A stand-in for uPlot in tests: uPlot needs a real canvas, and these tests
// cover the wiring around it. Each instance records what it was given and is
// kept in `instances` (emptied by the tests that read it).

export const instances = [];

export default class FakePlot {
  constructor(opts, data, target) {
    this.opts = opts;
    this.data = data;
    this.width = opts.width;
    this.height = opts.height;
    this.destroyed = false;
    this.scales = {};
    target.appendChild(document.createElement("canvas"));
    instances.push(this);
  }
  batch(fn) {
    fn();
  }
  setSize({ width, height }) {
    this.width = width;
    this.height = height;
  }
  setData(data) {
    this.data = data;
  }
  setScale(key, range) {
    this.scales[key] = range;
  }
  destroy() {
    this.destroyed = true;
  }
}

FakePlot.paths = { linear: () => () => null };
FakePlot.rangeNum = (min, max) => [min, max];
FakePlot.rangeLog = (min, max) => [min, max];
