import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testContext, type TestContext } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';

for (const engine of testEngines()) {
  describe(`installation keys (${engine})`, () => {
    let t: TestContext;
    before(async () => {
      t = await testContext(engine);
    });
    after(() => t.close());

    it('makes one current key per purpose even when many ask for it at once', async () => {
      const keys = await Promise.all(Array.from({ length: 8 }, () => t.ctx.keys.current('trust-list')));
      assert.equal(new Set(keys.map((k) => k.kid)).size, 1);
      const current = (await t.ctx.keys.list('trust-list')).filter((k) => k.retired_at === null);
      assert.equal(current.length, 1);
      const rotated = await t.ctx.keys.rotate('trust-list');
      assert.equal(rotated.retired, keys[0]!.kid);
      assert.equal((await t.ctx.keys.list('trust-list')).filter((k) => k.retired_at === null).length, 1);
    });
  });
}
