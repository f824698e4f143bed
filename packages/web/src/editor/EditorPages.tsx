// The content team's title editor (a chunk of its own, loaded only for members of "content-team";
// the API refuses the mutations to anyone else whatever the client does).
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import { ChoicesQuery, CreateTitleMutation, TitleQuery, UpdateTitleMutation, type Maturity, type TitleDetail } from "../api/documents.ts";
import { describeApiError, errorTypeOf } from "../api/errors.ts";
import { useSearch } from "../search/useSearch.ts";
import { ErrorNotice, maturityLabels, PageTitle, Poster } from "../ui/components.tsx";
import { ActionError, unwrap, useAction } from "../ui/action.ts";
import { Link, navigate, paths } from "../router.tsx";

const maturities: Maturity[] = ["ALL", "SEVEN_PLUS", "THIRTEEN_PLUS", "SIXTEEN_PLUS", "EIGHTEEN_PLUS"];
const maxGenres = 6;

export function EditorHomePage() {
  const client = useClient();
  const [text, setText] = useState("");
  // No profile: the content team sees every title whatever its maturity.
  const results = useSearch(client, text, null);
  return (
    <main className="page narrow" id="main" data-testid="editor">
      <PageTitle>Title editor</PageTitle>
      <div className="actions">
        <Link to={paths.newTitle()} className="button button-primary">
          New title
        </Link>
      </div>
      <form role="search" className="search-form" onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span>Find a title to edit</span>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" />
        </label>
      </form>
      <ErrorNotice message={results.error} />
      <ul className="editor-results" data-results-for={results.query}>
        {results.items.map((title) => (
          <li key={title.id}>
            <Link to={paths.editTitle(title.id)} className="editor-result">
              <span>{title.name}</span>
              <small>
                {title.year ?? "no year"} · {title.genres.join(", ")}
              </small>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}

export function EditTitlePage({ titleId }: { titleId: string }) {
  const [{ data, error, fetching }] = useQuery({ query: TitleQuery, variables: { id: titleId }, requestPolicy: "network-only" });
  if (!data?.title) {
    return (
      <main className="page narrow" id="main">
        {fetching ? <p role="status">Loading…</p> : <ErrorNotice message={describeApiError(error)?.message ?? "There is no such title."} />}
      </main>
    );
  }
  return <TitleForm key={data.title.id} title={data.title} />;
}

export function NewTitlePage() {
  return <TitleForm />;
}

export function slugOf(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

function TitleForm({ title }: { title?: TitleDetail }) {
  const client = useClient();
  // The genres the API accepts: the list lives in the API, never in the client.
  const [choices] = useQuery({ query: ChoicesQuery, requestPolicy: "cache-first" });
  const knownGenres = choices.data?.choices.titleGenres ?? [];
  const [name, setName] = useState(title?.name ?? "");
  const [year, setYear] = useState(title?.year ? String(title.year) : "");
  const [genres, setGenres] = useState<string[]>(title?.genres ?? []);
  const [maturity, setMaturity] = useState<string>(title?.maturity ?? "");
  const [saved, setSaved] = useState<TitleDetail | null>(null);
  // One id per new title, chosen once: a retried or double-submitted create cannot make two titles.
  const suffix = useRef(Math.random().toString(36).slice(2, 7));
  const preview = useMemo(() => ({ id: title?.id ?? "preview", name: name || "Untitled", year: Number(year) || null, genres }), [title?.id, name, year, genres]);

  const [save, state] = useAction(async () => {
    const trimmed = name.trim();
    if (!trimmed) throw new ActionError("Give the title a name.");
    if (genres.length === 0) throw new ActionError("Choose at least one genre.");
    const yearValue = year.trim() ? Number(year) : null;
    if (yearValue !== null && (!Number.isInteger(yearValue) || yearValue < 1870)) throw new ActionError("The year must be a whole year, 1870 or later.");
    const maturityValue = (maturity || null) as Maturity | null;
    if (title) {
      const result = await client
        .mutation(UpdateTitleMutation, { input: { id: title.id, expectedVersion: Math.max(title.version, saved?.version ?? 0), name: trimmed, year: yearValue, genres, maturity: maturityValue } })
        .toPromise();
      if (errorTypeOf(result.error?.graphQLErrors[0]) === "Conflict") {
        throw new ActionError("Someone else changed this title while you were editing. Reload it to see their changes, then make yours again.");
      }
      setSaved(unwrap(result).updateTitle);
      return;
    }
    const id = `${slugOf(trimmed) || "title"}-${suffix.current}`;
    const result = await client.mutation(CreateTitleMutation, { input: { id, name: trimmed, year: yearValue, genres, maturity: maturityValue } }).toPromise();
    if (errorTypeOf(result.error?.graphQLErrors[0]) === "Conflict") {
      // The same create sent twice (a retry after a lost answer): the title exists; open it.
      navigate(paths.editTitle(id), { replace: true });
      return;
    }
    const created = unwrap(result).createTitle;
    if (created) navigate(paths.editTitle(created.id), { replace: true });
  });

  const toggleGenre = (genre: string) =>
    setGenres((current) => (current.includes(genre) ? current.filter((g) => g !== genre) : current.length >= maxGenres ? current : [...current, genre]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <main className="page editor-page" id="main" data-testid="title-editor">
      <PageTitle>{title ? `Edit ${title.name}` : "New title"}</PageTitle>
      <div className="editor-layout">
        <form className="form" onSubmit={submit}>
          <label className="field">
            <span>Name</span>
            <input required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} name="name" />
          </label>
          <label className="field">
            <span>Year</span>
            <input inputMode="numeric" pattern="\d{4}" value={year} onChange={(event) => setYear(event.target.value.replace(/\D/g, "").slice(0, 4))} name="year" />
          </label>
          <fieldset className="field">
            <legend>Genres (up to {maxGenres})</legend>
            {choices.fetching && <p role="status">Loading genres…</p>}
            <ErrorNotice message={describeApiError(choices.error)?.message} />
            <div className="checkbox-grid">
              {knownGenres.map((genre) => (
                <label key={genre} className="checkbox">
                  <input type="checkbox" checked={genres.includes(genre)} onChange={() => toggleGenre(genre)} />
                  <span>{genre}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field">
            <span>Maturity rating</span>
            <select value={maturity} onChange={(event) => setMaturity(event.target.value)} name="maturity">
              <option value="">Not rated (hidden from kids profiles)</option>
              {maturities.map((value) => (
                <option key={value} value={value}>
                  {maturityLabels[value]}
                </option>
              ))}
            </select>
          </label>
          <ErrorNotice message={state.error} />
          {saved && !state.pending && !state.error && (
            <p className="notice" role="status">
              Saved (version {saved.version}).
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={state.pending} data-testid="save-title">
              {state.pending ? "Saving…" : title ? "Save changes" : "Create title"}
            </button>
            <Link to={paths.editor()} className="button button-quiet">
              Back to the editor
            </Link>
            {title && (
              <Link to={paths.title(title.id)} className="button button-quiet">
                View as a viewer
              </Link>
            )}
          </div>
          {title && <p className="muted">Version {Math.max(title.version, saved?.version ?? 0)}. Last changed {new Date((saved ?? title).updatedAt).toLocaleString()}.</p>}
        </form>
        <aside className="editor-preview" aria-label="Poster preview">
          <Poster title={preview} size="large" />
        </aside>
      </div>
    </main>
  );
}
