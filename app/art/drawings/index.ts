// Every style's drawing, by style id.
import type { Draw } from "../primitives";
import type { ArtStyle } from "../styles";
import { kidsBunny, kidsCat, sparkleClutch } from "./kids";
import { microBox, microBucket, microCamera, microChain, microDuffle, microFrame, microFur, microHeart, microSaddle, microTote } from "./micro-bags";
import { clutch, miniCrossbody, miniTopHandle } from "./minis";
import { toteBucket, toteClassic, toteEastWest, toteShopper } from "./totes";

export const DRAWINGS: Record<ArtStyle, Draw> = {
  "tote-shopper": toteShopper,
  "tote-east-west": toteEastWest,
  "tote-classic": toteClassic,
  "tote-bucket": toteBucket,
  "micro-duffle": microDuffle,
  "micro-chain": microChain,
  "micro-fur": microFur,
  "micro-box": microBox,
  "micro-heart": microHeart,
  "micro-bucket": microBucket,
  "micro-saddle": microSaddle,
  "micro-frame": microFrame,
  "micro-tote": microTote,
  "micro-camera": microCamera,
  "mini-top-handle": miniTopHandle,
  "mini-crossbody": miniCrossbody,
  clutch,
  "kids-sparkle-clutch": sparkleClutch,
  "kids-cat": kidsCat,
  "kids-bunny": kidsBunny,
};
