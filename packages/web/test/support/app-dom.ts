// What every test that renders the whole app needs around it: a fresh address, and rows that render at
// once (happy-dom has no layout, so its IntersectionObserver would never report anything).
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

export function renderedAppSetup(): void {
  beforeEach(() => {
    history.replaceState(null, "", "/");
    vi.stubGlobal("IntersectionObserver", undefined);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}
