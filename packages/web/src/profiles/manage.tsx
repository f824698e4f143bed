// Creating, editing and deleting profiles (a chunk of its own: most visits never open it).
import { useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import { ChoicesQuery, CreateProfileMutation, DeleteProfileMutation, ProfilesQuery, UpdateProfileMutation, type ProfileMaturity, type ProfileSummary } from "../api/documents.ts";
import { describeApiError } from "../api/errors.ts";
import { useProfileChoice } from "../app/services.tsx";
import { ErrorNotice, PageTitle } from "../ui/components.tsx";
import { ActionError, unwrap, useAction } from "../ui/action.ts";
import { Link, navigate, paths } from "../router.tsx";
import { avatarLabel, avatarUrl } from "./avatars.ts";
import { maxProfiles } from "./ProfilePicker.tsx";

const maturityChoices: Array<{ value: ProfileMaturity; label: string; hint: string }> = [
  { value: "KIDS", label: "Kids", hint: "Titles for all ages and 7+ only, in a kids' home screen." },
  { value: "TEEN", label: "Teen", hint: "Up to 13+." },
  { value: "ADULT", label: "Adult", hint: "Everything." },
];

const languages: Array<{ tag: string; name: string }> = [
  { tag: "en", name: "English" },
  { tag: "fr", name: "Français" },
  { tag: "es", name: "Español" },
  { tag: "de", name: "Deutsch" },
  { tag: "it", name: "Italiano" },
  { tag: "pt-BR", name: "Português (Brasil)" },
  { tag: "ja", name: "日本語" },
];

export function ManageProfilesPage() {
  const [{ data, error }] = useQuery({ query: ProfilesQuery, requestPolicy: "cache-and-network" });
  const profiles = data?.profiles ?? [];
  return (
    <main className="page narrow" id="main">
      <PageTitle>Manage profiles</PageTitle>
      <ErrorNotice message={describeApiError(error)?.message} />
      <ul className="manage-list">
        {profiles.map((profile) => (
          <li key={profile.id} className="manage-item">
            <img src={avatarUrl(profile.avatar)} alt="" width={56} height={56} />
            <span className="manage-name">
              {profile.name}
              <small>
                {maturityChoices.find((choice) => choice.value === profile.maturity)?.label}
                {profile.hasPin ? " · PIN" : ""}
              </small>
            </span>
            <Link to={paths.editProfile(profile.id)} className="button button-outline button-small" aria-label={`Edit ${profile.name}`}>
              Edit
            </Link>
          </li>
        ))}
      </ul>
      <div className="actions">
        {profiles.length < maxProfiles && (
          <Link to={paths.newProfile()} className="button button-primary">
            Add profile
          </Link>
        )}
        <Link to={paths.profiles()} className="button button-quiet">
          Done
        </Link>
      </div>
    </main>
  );
}

export function ProfileFormPage({ profileId }: { profileId?: string }) {
  const [{ data, fetching }] = useQuery({ query: ProfilesQuery, requestPolicy: "cache-first" });
  if (!profileId) return <ProfileForm />;
  const profile = data?.profiles.find((candidate) => candidate.id === profileId);
  if (!profile) {
    return (
      <main className="page narrow" id="main">
        {fetching ? <p role="status">Loading…</p> : <ErrorNotice message="That profile doesn't exist any more." />}
      </main>
    );
  }
  return <ProfileForm profile={profile} profileCount={data?.profiles.length ?? 1} />;
}

function ProfileForm({ profile, profileCount = 0 }: { profile?: ProfileSummary; profileCount?: number }) {
  const client = useClient();
  const choice = useProfileChoice();
  const [name, setName] = useState(profile?.name ?? "");
  // The avatars the API accepts: the list lives in the API, never in the client.
  const [choices] = useQuery({ query: ChoicesQuery, requestPolicy: "cache-first" });
  const avatars = choices.data?.choices.avatars ?? [];
  const [picked, setAvatar] = useState<string | null>(profile?.avatar ?? null);
  // Until one is picked, a new profile gets the first offered (none offered yet: the API picks one from the name).
  const avatar = picked ?? avatars[0];
  const [maturity, setMaturity] = useState<ProfileMaturity>(profile?.maturity ?? "ADULT");
  const [language, setLanguage] = useState(profile?.language ?? "en");
  const [pinMode, setPinMode] = useState<"keep" | "set" | "remove">(profile?.hasPin ? "keep" : "keep");
  const [pin, setPin] = useState("");
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const [save, saveState] = useAction(async () => {
    const trimmed = name.trim();
    if (!trimmed) throw new ActionError("Give the profile a name.");
    if (pinMode === "set" && !/^\d{4}$/.test(pin)) throw new ActionError("A PIN is 4 digits.");
    const pinValue = pinMode === "set" ? pin : pinMode === "remove" ? "" : undefined;
    if (profile) {
      const saved = unwrap(
        await client
          .mutation(UpdateProfileMutation, { input: { profileId: profile.id, name: trimmed, avatar, maturity, language, ...(pinValue !== undefined ? { pin: pinValue } : {}) } })
          .toPromise(),
      ).updateProfile;
      if (saved && choice.profile?.id === saved.id) choice.choose(saved);
    } else {
      unwrap(await client.mutation(CreateProfileMutation, { input: { name: trimmed, avatar, maturity, language, ...(pinValue ? { pin: pinValue } : {}) } }).toPromise());
    }
    await client.query(ProfilesQuery, {}, { requestPolicy: "network-only" }).toPromise();
    navigate(paths.manageProfiles());
  });

  const [remove, removeState] = useAction(async () => {
    if (!profile) return;
    unwrap(await client.mutation(DeleteProfileMutation, { profileId: profile.id }).toPromise());
    if (choice.profile?.id === profile.id) choice.forget();
    await client.query(ProfilesQuery, {}, { requestPolicy: "network-only" }).toPromise();
    navigate(paths.manageProfiles());
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <main className="page narrow" id="main">
      <PageTitle>{profile ? `Edit ${profile.name}` : "Add a profile"}</PageTitle>
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input required maxLength={50} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
        </label>

        <fieldset className="field">
          <legend>Avatar</legend>
          {choices.fetching && <p role="status">Loading avatars…</p>}
          <ErrorNotice message={describeApiError(choices.error)?.message} />
          <div className="avatar-choices">
            {avatars.map((choice) => (
              <label key={choice} className="avatar-choice">
                <input type="radio" name="avatar" value={choice} checked={avatar === choice} onChange={() => setAvatar(choice)} />
                <img src={avatarUrl(choice)} alt={avatarLabel(choice)} width={56} height={56} />
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="field">
          <legend>Maturity</legend>
          {maturityChoices.map((choice) => (
            <label key={choice.value} className="radio">
              <input type="radio" name="maturity" value={choice.value} checked={maturity === choice.value} onChange={() => setMaturity(choice.value)} />
              <span>
                <strong>{choice.label}</strong> <small>{choice.hint}</small>
              </span>
            </label>
          ))}
        </fieldset>

        <label className="field">
          <span>Language</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value)}>
            {!languages.some((choice) => choice.tag === language) && <option value={language}>{language}</option>}
            {languages.map((choice) => (
              <option key={choice.tag} value={choice.tag} lang={choice.tag}>
                {choice.name}
              </option>
            ))}
          </select>
        </label>

        <fieldset className="field">
          <legend>Profile PIN</legend>
          <label className="radio">
            <input type="radio" name="pin-mode" checked={pinMode === "keep"} onChange={() => setPinMode("keep")} />
            <span>{profile?.hasPin ? "Keep the current PIN" : "No PIN"}</span>
          </label>
          <label className="radio">
            <input type="radio" name="pin-mode" checked={pinMode === "set"} onChange={() => setPinMode("set")} />
            <span>{profile?.hasPin ? "Change the PIN" : "Ask for a PIN before switching to this profile"}</span>
          </label>
          {profile?.hasPin && (
            <label className="radio">
              <input type="radio" name="pin-mode" checked={pinMode === "remove"} onChange={() => setPinMode("remove")} />
              <span>Remove the PIN</span>
            </label>
          )}
          {pinMode === "set" && (
            <label className="field">
              <span>New 4-digit PIN</span>
              <input
                className="pin-input"
                type="password"
                inputMode="numeric"
                maxLength={4}
                autoComplete="new-password"
                value={pin}
                onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 4))}
              />
            </label>
          )}
        </fieldset>

        <ErrorNotice message={saveState.error ?? removeState.error} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={saveState.pending}>
            {saveState.pending ? "Saving…" : "Save"}
          </button>
          <Link to={paths.manageProfiles()} className="button button-quiet">
            Cancel
          </Link>
          {profile && profileCount > 1 && !confirmingDelete && (
            <button type="button" className="button button-danger" onClick={() => setConfirmingDelete(true)}>
              Delete profile
            </button>
          )}
        </div>
        {profile && confirmingDelete && (
          <div className="notice notice-warning" role="alertdialog" aria-labelledby="delete-question">
            <p id="delete-question">Delete {profile.name}? Its history and My List go with it.</p>
            <div className="actions">
              <button type="button" className="button button-danger" onClick={() => void remove()} disabled={removeState.pending}>
                {removeState.pending ? "Deleting…" : "Delete"}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setConfirmingDelete(false)}>
                Keep it
              </button>
            </div>
          </div>
        )}
      </form>
    </main>
  );
}

