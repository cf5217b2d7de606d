// The part of js-quantities (MIT, no dependencies) that claims/quantities.ts uses.
declare module "js-quantities" {
  interface Qty {
    scalar: number;
    units(): string;
    kind(): string;
    toBase(): Qty;
  }
  function Qty(text: string): Qty;
  export default Qty;
}
