// @vitest-environment happy-dom
// The pickers offer what the API lists (Query.choices), not a copy kept in the client: a list the
// client has never seen shows up as it is, and the value picked is what the mutation sends.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { profile, type Handler } from "./support/fake-api.ts";
import { renderedAppSetup, renderSignedInApp } from "./support/app-dom.ts";

const renderApp = (path: string, groups: string[], handlers: Record<string, Handler>) => renderSignedInApp(path, handlers, { sub: "user-1", groups });

const choices = (titleGenres: string[], avatars: string[]) => () => ({ data: { choices: { __typename: "Choices", titleGenres, avatars } } });

describe("pickers read their lists from the API", () => {
  renderedAppSetup();

  it("the title editor offers the API's genres", async () => {
    renderApp("/editor/new", ["content-team"], { Choices: choices(["Drama", "Space Opera"], ["fox"]) });
    await screen.findByRole("checkbox", { name: "Space Opera" });
    const offered = screen.getAllByRole("checkbox").map((box) => box.closest("label")?.textContent);
    expect(offered).toEqual(["Drama", "Space Opera"]);
  });

  it("the profile form offers the API's avatars and sends the one picked", async () => {
    const api = renderApp("/profiles/new", [], {
      Choices: choices(["Drama"], ["owl", "fox"]),
      Profiles: () => ({ data: { profiles: [profile("p1", "Ana")] } }),
      CreateProfile: () => ({ data: { createProfile: profile("p2", "Kids") } }),
    });
    const fox = await screen.findByRole("radio", { name: "Fox" });
    expect(screen.getAllByRole("radio").filter((radio) => radio.getAttribute("name") === "avatar").map((radio) => radio.getAttribute("value"))).toEqual(["owl", "fox"]);
    // A new profile starts on the first avatar offered.
    expect((screen.getByRole("radio", { name: "Owl" }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(fox);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Kids" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((call) => call.operationName === "CreateProfile")).toBe(true));
    const created = api.calls.find((call) => call.operationName === "CreateProfile")!;
    expect(created.variables.input).toMatchObject({ name: "Kids", avatar: "fox" });
  });
});
