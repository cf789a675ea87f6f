import { describe, expect, it } from "vitest";
import { createModel } from "./model_shim.js";

describe("createModel", () => {
  it("reads the state and reports host updates as change events", () => {
    const { model, update } = createModel({ title: "a", columns: ["x"] });
    const seen = [];
    model.on("change:title", (value) => seen.push(value));
    update({ title: "b", columns: ["x"] });
    update({ title: "b" });
    expect(model.get("title")).toBe("b");
    expect(seen).toEqual(["b"]);
  });

  it("delivers received messages as msg:custom and sends the front end's out", () => {
    const out = [];
    const { model, receive } = createModel({}, { send: (c, b) => out.push([c, b]) });
    const got = [];
    model.on("msg:custom", (content, buffers) => got.push([content, buffers]));
    const buffer = new DataView(new ArrayBuffer(8));
    receive({ type: "rows" }, [buffer]);
    model.send({ type: "sync" }, undefined, [buffer]);
    model.send({ type: "stop" });
    expect(got).toEqual([[{ type: "rows" }, [buffer]]]);
    expect(out).toEqual([
      [{ type: "sync" }, [buffer]],
      [{ type: "stop" }, []],
    ]);
  });

  it("hands front-end trait changes to saveChanges on save_changes", () => {
    const saved = [];
    const { model } = createModel({ n: 1 }, { saveChanges: (c) => saved.push(c) });
    model.set("n", 2);
    model.set("m", 3);
    model.save_changes();
    model.save_changes();
    expect(saved).toEqual([{ n: 2, m: 3 }]);
  });

  it("removes one handler, all of a name, or all", () => {
    const { model, update } = createModel({});
    let calls = 0;
    const a = () => calls++;
    const b = () => calls++;
    model.on("change:x", a);
    model.on("change:x", b);
    model.on("change:y", a);
    model.off("change:x", a);
    update({ x: 1 });
    expect(calls).toBe(1);
    model.off("change:x");
    update({ x: 2, y: 1 });
    expect(calls).toBe(2);
    model.off();
    update({ y: 2 });
    expect(calls).toBe(2);
  });

  it("has no send target by default, as a page without a kernel", () => {
    const { model } = createModel({});
    expect(() => model.send({ type: "sync" })).not.toThrow();
    expect(model.widget_manager).toBeTypeOf("object");
  });
});
