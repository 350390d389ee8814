// Entry of the `server/out/elk.js` bundle: elkjs, loaded by `netcfg graph --format svg` only (see `loadElk` in cli.ts).
import ELK from 'elkjs/lib/elk.bundled.js';

export default ELK;
