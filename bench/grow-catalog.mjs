// @ts-check
// Grows a seeded shop database to a catalog ten times its size: every product
// copied nine more times (with its variants, under new slugs and SKUs) and a
// history of paid orders of totes bought with micro bags. Used by the bench
// (a second database, second server) and by tests/integration/statement-count.test.ts.
// Plain SQL on purpose: the bench runs it without the app's TypeScript.

/**
 * @param {import("better-sqlite3").Database} sqlite an open, migrated and seeded database
 * @param {{ factor?: number, ordersPerProduct?: number }} [options]
 * @returns {{ products: number, variants: number, orders: number }}
 */
export function growCatalog(sqlite, options = {}) {
  const factor = options.factor ?? 10;
  const ordersPerProduct = options.ordersPerProduct ?? 25;
  const now = Date.UTC(2026, 9, 1);

  const grow = sqlite.transaction(() => {
    const seedProducts = /** @type {Record<string, any>[]} */ (sqlite.prepare("SELECT * FROM products ORDER BY id").all());
    const seedVariants = /** @type {Record<string, any>[]} */ (sqlite.prepare("SELECT * FROM variants ORDER BY id").all());
    const productColumns = Object.keys(seedProducts[0] ?? {}).filter((c) => c !== "id");
    const variantColumns = Object.keys(seedVariants[0] ?? {}).filter((c) => c !== "id");
    const insertProduct = sqlite.prepare(
      `INSERT INTO products (${productColumns.join(", ")}) VALUES (${productColumns.map((c) => "@" + c).join(", ")})`,
    );
    const insertVariant = sqlite.prepare(
      `INSERT INTO variants (${variantColumns.join(", ")}) VALUES (${variantColumns.map((c) => "@" + c).join(", ")})`,
    );
    /** @type {Map<number, Record<string, any>[]>} */
    const variantsByProduct = new Map();
    for (const v of seedVariants) {
      const list = variantsByProduct.get(v.product_id) ?? [];
      list.push(v);
      variantsByProduct.set(v.product_id, list);
    }

    /** @type {{ id: number, kind: string, name: string, variants: Record<string, any>[] }[]} */
    const all = seedProducts.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      variants: (variantsByProduct.get(p.id) ?? []).map((v) => ({ ...v })),
    }));
    for (let copy = 2; copy <= factor; copy += 1) {
      for (const p of seedProducts) {
        const { id: _productId, ...row } = p;
        const product = {
          ...row,
          slug: `${p.slug}-no-${copy}`,
          name: `${p.name} No. ${copy}`,
          featured_rank: p.featured_rank + copy * 1000,
          created_at: p.created_at + copy,
          updated_at: p.updated_at + copy,
        };
        const productId = Number(insertProduct.run(product).lastInsertRowid);
        const variants = [];
        for (const v of variantsByProduct.get(p.id) ?? []) {
          const { id: _variantId, ...fields } = v;
          const variant = { ...fields, product_id: productId, sku: `${v.sku}-N${copy}` };
          variants.push({ ...variant, id: Number(insertVariant.run(variant).lastInsertRowid) });
        }
        all.push({ id: productId, kind: p.kind, name: product.name, variants });
      }
    }

    // Paid orders, each a tote with a micro bag: the co-purchase history the
    // charm ranking reads. Deterministic, so two runs grow the same shop.
    const totes = all.filter((p) => p.kind === "tote" && p.variants.length > 0);
    const micros = all.filter((p) => p.kind === "micro" && p.variants.length > 0);
    const insertOrder = sqlite.prepare(`INSERT INTO orders
      (number, status, cart_id, currency, subtotal_cents, discount_cents, total_cents, customer_email, customer_name,
       payment_mode, stripe_session_id, hold_expires_at, paid_at, created_at, updated_at)
      VALUES (?, 'paid', NULL, 'usd', ?, 0, ?, ?, 'Bench Shopper', 'test', ?, ?, ?, ?, ?)`);
    const insertLine = sqlite.prepare(`INSERT INTO order_lines
      (order_id, variant_id, product_id, product_kind, product_name, sku, colour_name, image_url, quantity, unit_price_cents, line_total_cents)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`);
    const orderCount = all.length * ordersPerProduct;
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < orderCount && totes.length > 0 && micros.length > 0; i += 1) {
      const tote = totes[next() % totes.length];
      const micro = micros[next() % micros.length];
      if (!tote || !micro) continue;
      const tv = tote.variants[next() % tote.variants.length];
      const mv = micro.variants[next() % micro.variants.length];
      if (!tv || !mv) continue;
      const total = tv.price_cents + mv.price_cents;
      const at = now - (orderCount - i) * 60_000;
      const orderId = Number(
        insertOrder.run(`TC-B${String(i + 1).padStart(6, "0")}`, total, total, `shopper${i}@example.com`, `test_cs_bench_${i}`, at, at, at, at)
          .lastInsertRowid,
      );
      for (const [p, v] of /** @type {const} */ ([[tote, tv], [micro, mv]])) {
        insertLine.run(orderId, v.id, p.id, p.kind, p.name, v.sku, v.colour_name, v.image_url, v.price_cents, v.price_cents);
      }
    }
    return {
      products: all.length,
      variants: all.reduce((n, p) => n + p.variants.length, 0),
      orders: orderCount,
    };
  });
  return grow.immediate();
}
