// @vitest-environment happy-dom
// Search as you type: one request after a pause in typing, and a newer query cancels the older request
// (its fetch is aborted and its late answer never shows).
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { Client, fetchExchange } from "@urql/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useSearch } from "../src/search/useSearch.ts";
import { title } from "./support/fake-api.ts";

type Pending = { query: string; signal: AbortSignal | null | undefined; answer(ids: string[]): void };

function controlledApi() {
  const requests: Pending[] = [];
  const fetch = vi.fn(
    (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        const { variables } = JSON.parse(String(init?.body)) as { variables: { query: string } };
        init?.signal?.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError")));
        requests.push({
          query: variables.query,
          signal: init?.signal,
          answer: (ids) =>
            resolve(
              new Response(JSON.stringify({ data: { searchTitles: { __typename: "TitlePage", items: ids.map((id) => title(id)), nextToken: null } } }), {
                headers: { "content-type": "application/json" },
              }),
            ),
        });
      }),
  );
  const client = new Client({ url: "http://api.test/graphql", exchanges: [fetchExchange], fetch, preferGetMethod: false });
  return { client, requests };
}

describe("search as you type", () => {
  afterEach(() => cleanup());

  it("waits for a pause in typing, then asks once for what was typed", async () => {
    const { client, requests } = controlledApi();
    const { result, rerender } = renderHook(({ text }) => useSearch(client, text, "p1", 40), { initialProps: { text: "" } });
    for (const text of ["s", "st", "sta", "star"]) rerender({ text });
    expect(result.current.status).toBe("waiting");
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.query).toBe("star");
    act(() => requests[0]!.answer(["a", "b"]));
    await waitFor(() => expect(result.current.status).toBe("done"));
    expect(result.current).toMatchObject({ query: "star", items: [{ id: "a" }, { id: "b" }] });
  });

  it("cancels the older request when the viewer types on, and never shows its answer", async () => {
    const { client, requests } = controlledApi();
    const { result, rerender } = renderHook(({ text }) => useSearch(client, text, "p1", 10), { initialProps: { text: "star" } });
    await waitFor(() => expect(requests).toHaveLength(1));

    rerender({ text: "star wars" });
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[0]!.signal?.aborted).toBe(true);

    act(() => requests[1]!.answer(["new"]));
    act(() => requests[0]!.answer(["stale"]));
    await waitFor(() => expect(result.current.status).toBe("done"));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(result.current).toMatchObject({ query: "star wars", items: [{ id: "new" }] });
  });

  it("asks nothing for blank or punctuation-only input", async () => {
    const { client, requests } = controlledApi();
    const { result } = renderHook(() => useSearch(client, "  ?! ", "p1", 5));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(requests).toHaveLength(0);
    expect(result.current.status).toBe("idle");
  });
});
