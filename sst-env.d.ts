/* Written by hand in the shape `sst dev`/`sst deploy` generate (they overwrite it); keep it in step
   with infra/: infra/test/infra.test.ts checks that every linkable component is listed here. */
/* tslint:disable */
/* eslint-disable */
/* deno-fmt-ignore-file */

declare module "sst" {
  export interface Resource {
    "Api": {
      "type": "sst.aws.AppSync"
      "url": string
    }
    "InteractionEvents": {
      "itemsDatasetArn": string
      "trackingId": string
      "type": "sst.sst.Linkable"
    }
    "InteractionStreamFailures": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "PersonalizeBecauseYouWatchedArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeFilterArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeItemsDatasetArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeMoreLikeThisArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeMostPopularArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeRankingCampaignArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeTopPicksArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeTrackingId": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PersonalizeTrendingArn": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "Recommendations": {
      "becauseYouWatched": string
      "coldStartDeadlineMs": number
      "deadlineMs": number
      "filterArn": string
      "mostPopular": string
      "moreLikeThis": string
      "personalizedRanking": string
      "topPicks": string
      "trending": string
      "type": "sst.sst.Linkable"
    }
    "Table": {
      "name": string
      "type": "sst.aws.Dynamo"
    }
    "TitleSummaryStreamFailures": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "Uploads": {
      "name": string
      "type": "sst.aws.Bucket"
    }
    "UserPool": {
      "id": string
      "type": "sst.aws.CognitoUserPool"
    }
    "Web": {
      "type": "sst.aws.StaticSite"
      "url": string
    }
    "WebClient": {
      "id": string
      "secret": string
      "type": "sst.aws.CognitoUserPoolClient"
    }
  }
}

import "sst"
export {}
