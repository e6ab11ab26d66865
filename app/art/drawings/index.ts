// Every style's drawing, by style id.
import type { Draw } from "../primitives";
import type { ArtStyle } from "../styles";
import { kidsBunny, kidsCat, sparkleClutch } from "./kids";
import {
  microBarrel,
  microBox,
  microBucket,
  microCamera,
  microChain,
  microDuffle,
  microFlap,
  microFrame,
  microFur,
  microGlitterDuffle,
  microHeart,
  microSaddle,
  microSphere,
  microTote,
} from "./micro-bags";
import { clutch, miniAtelier, miniCrossbody, miniTopHandle } from "./minis";
import { toteBeach, toteBucket, toteCarryall, toteCity, toteClassic, toteCroc, toteEastWest, toteShopper, toteSlouch } from "./totes";

export const DRAWINGS: Record<ArtStyle, Draw> = {
  "tote-shopper": toteShopper,
  "tote-east-west": toteEastWest,
  "tote-classic": toteClassic,
  "tote-bucket": toteBucket,
  "tote-slouch": toteSlouch,
  "tote-beach": toteBeach,
  "tote-croc": toteCroc,
  "tote-city": toteCity,
  "tote-carryall": toteCarryall,
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
  "micro-flap": microFlap,
  "micro-barrel": microBarrel,
  "micro-sphere": microSphere,
  "micro-glitter-duffle": microGlitterDuffle,
  "mini-top-handle": miniTopHandle,
  "mini-atelier": miniAtelier,
  "mini-crossbody": miniCrossbody,
  clutch,
  "kids-sparkle-clutch": sparkleClutch,
  "kids-cat": kidsCat,
  "kids-bunny": kidsBunny,
};
