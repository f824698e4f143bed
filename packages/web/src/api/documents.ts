// Every query and mutation the client sends. One module, so a test can validate them all against the
// schema (an unknown field fails `npm test`, not a viewer's screen).
import { graphql, type ResultOf } from "./graphql.ts";

export const TitleCardFields = graphql(`
  fragment TitleCardFields on Title { id name year genres maturity }
`);

export const TitleDetailFields = graphql(`
  fragment TitleDetailFields on Title {
    id name year genres maturity popularity averageRating ratingCount version updatedAt
  }
`);

export const ProfileFields = graphql(`
  fragment ProfileFields on Profile { id name avatar maturity language hasPin }
`);

export const WatchEntryFields = graphql(
  `
  fragment WatchEntryFields on WatchEntry {
    title { ...TitleCardFields }
    positionSeconds durationSeconds resumeAtSeconds status hidden lastWatchedAt
  }
`,
  [TitleCardFields],
);

export type TitleCard = ResultOf<typeof TitleCardFields>;
export type TitleDetail = ResultOf<typeof TitleDetailFields>;
export type ProfileSummary = ResultOf<typeof ProfileFields>;
export type WatchEntry = ResultOf<typeof WatchEntryFields>;
export type Maturity = NonNullable<TitleCard["maturity"]>;
export type ProfileMaturity = ProfileSummary["maturity"];

// ---------------------------------------------------------------- profiles

export const ProfilesQuery = graphql(`query Profiles { profiles { ...ProfileFields } }`, [ProfileFields]);

export const CreateProfileMutation = graphql(
  `mutation CreateProfile($input: CreateProfileInput!) { createProfile(input: $input) { ...ProfileFields } }`,
  [ProfileFields],
);

export const UpdateProfileMutation = graphql(
  `mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { ...ProfileFields } }`,
  [ProfileFields],
);

export const DeleteProfileMutation = graphql(`mutation DeleteProfile($profileId: ID!) { deleteProfile(profileId: $profileId) { profileId } }`);

export const VerifyProfilePinMutation = graphql(`
  mutation VerifyProfilePin($profileId: ID!, $pin: String!) { verifyProfilePin(profileId: $profileId, pin: $pin) { ok retryAfterSeconds } }
`);

// ---------------------------------------------------------------- home and watching

export const HomeQuery = graphql(
  `
  query Home($profileId: ID!) {
    home(profileId: $profileId) {
      profile { ...ProfileFields }
      continueWatching { ...WatchEntryFields }
      myList { addedAt title { ...TitleCardFields } }
      genreRows { genre titles { ...TitleCardFields } }
    }
  }
`,
  [ProfileFields, WatchEntryFields, TitleCardFields],
);

export const ContinueWatchingQuery = graphql(
  `
  query ContinueWatching($profileId: ID!, $limit: Int, $nextToken: String) {
    continueWatching(profileId: $profileId, limit: $limit, nextToken: $nextToken) { items { ...WatchEntryFields } nextToken }
  }
`,
  [WatchEntryFields],
);

export const HistoryQuery = graphql(
  `
  query History($profileId: ID!, $limit: Int, $nextToken: String) {
    history(profileId: $profileId, limit: $limit, nextToken: $nextToken) { items { ...WatchEntryFields } nextToken }
  }
`,
  [WatchEntryFields],
);

export const MyListQuery = graphql(
  `
  query MyList($profileId: ID!, $limit: Int, $nextToken: String) {
    myList(profileId: $profileId, limit: $limit, nextToken: $nextToken) { items { addedAt title { ...TitleCardFields } } nextToken }
  }
`,
  [TitleCardFields],
);

export const RecordProgressMutation = graphql(
  `mutation RecordProgress($input: RecordProgressInput!) { recordProgress(input: $input) { ...WatchEntryFields } }`,
  [WatchEntryFields],
);

export const HideFromContinueWatchingMutation = graphql(
  `
  mutation HideFromContinueWatching($profileId: ID!, $titleId: ID!) {
    hideFromContinueWatching(profileId: $profileId, titleId: $titleId) { hidden title { id } }
  }
`,
);

export const AddToMyListMutation = graphql(
  `mutation AddToMyList($profileId: ID!, $titleId: ID!) { addToMyList(profileId: $profileId, titleId: $titleId) { addedAt title { ...TitleCardFields } } }`,
  [TitleCardFields],
);

export const RemoveFromMyListMutation = graphql(
  `mutation RemoveFromMyList($profileId: ID!, $titleId: ID!) { removeFromMyList(profileId: $profileId, titleId: $titleId) { profileId titleId } }`,
);

// ---------------------------------------------------------------- catalog

export const TitleQuery = graphql(
  `query Title($id: ID!, $profileId: ID) { title(id: $id, profileId: $profileId) { ...TitleDetailFields } }`,
  [TitleDetailFields],
);

export const TitlesByGenreQuery = graphql(
  `
  query TitlesByGenre($genre: String!, $limit: Int, $nextToken: String, $profileId: ID) {
    titlesByGenre(genre: $genre, limit: $limit, nextToken: $nextToken, profileId: $profileId) { items { ...TitleCardFields } nextToken }
  }
`,
  [TitleCardFields],
);

export const SearchTitlesQuery = graphql(
  `
  query SearchTitles($query: String!, $limit: Int, $nextToken: String, $profileId: ID) {
    searchTitles(query: $query, limit: $limit, nextToken: $nextToken, profileId: $profileId) { items { ...TitleCardFields } nextToken }
  }
`,
  [TitleCardFields],
);

export const GenresQuery = graphql(`query Genres { genres { name titleCount } }`);

/** The lists the API accepts a title's genres and a profile's avatar from: the pickers offer exactly these. */
export const ChoicesQuery = graphql(`query Choices { choices { titleGenres avatars } }`);

// ---------------------------------------------------------------- content team

export const CreateTitleMutation = graphql(
  `mutation CreateTitle($input: CreateTitleInput!) { createTitle(input: $input) { ...TitleDetailFields } }`,
  [TitleDetailFields],
);

export const UpdateTitleMutation = graphql(
  `mutation UpdateTitle($input: UpdateTitleInput!) { updateTitle(input: $input) { ...TitleDetailFields } }`,
  [TitleDetailFields],
);
