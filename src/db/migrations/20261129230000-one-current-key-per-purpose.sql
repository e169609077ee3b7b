-- At most one current (not retired) key per purpose. Without it, two requests that
-- both found no key created one each, and a trust list and a status list could be
-- signed by two different "current" anchors. Older duplicates are retired first.
UPDATE installation_key k SET retired_at = now()
WHERE retired_at IS NULL
  AND EXISTS (
    SELECT 1 FROM installation_key newer
    WHERE newer.purpose = k.purpose AND newer.retired_at IS NULL
      AND (newer.created_at, newer.kid) > (k.created_at, k.kid)
  );
CREATE UNIQUE INDEX installation_key_one_current_per_purpose ON installation_key (purpose) WHERE retired_at IS NULL;
