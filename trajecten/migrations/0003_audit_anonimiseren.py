"""The one way the application may touch the audit after the fact: replace a pupil's texts by a marker.

The application's database role may only read and add audit rows (manage.py databankrollen). Retention and
erasure must still take a pupil's texts out of the history, so the owner of the tables provides one
function that runs with the owner's rights (SECURITY DEFINER) and can do nothing else:

- `netwerk_audit_anonimiseren(wijzigingen, inzages, vervanging)` takes {id: new changes} for rows of
  `netwerk_wijziging`; every new value must equal the old one, or consist only of the marker, empty
  strings and nulls (also inside [before, after] lists), with exactly the same fields. Anything else
  (another text, a removed field, another row's who or when) is refused and the transaction rolls back.
  For `netwerk_inzage` it can only set the description of the given rows to the marker.
- Inside, it sets the maintenance flag of migration netwerk 0008 for its own statements and puts it back.
"""

from django.db import migrations

HEEN = r"""
CREATE FUNCTION netwerk_audit_enkel_vervanging(waarde jsonb, vervanging text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    CASE jsonb_typeof(waarde)
        WHEN 'null' THEN RETURN true;
        WHEN 'string' THEN RETURN waarde #>> '{}' IN ('', vervanging);
        WHEN 'array' THEN
            RETURN coalesce(
                (SELECT bool_and(netwerk_audit_enkel_vervanging(e, vervanging)) FROM jsonb_array_elements(waarde) e),
                true
            );
        ELSE RETURN false;
    END CASE;
END;
$$;

CREATE FUNCTION netwerk_audit_anonimiseren(wijzigingen jsonb, inzages bigint[], vervanging text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    rij record;
    oud jsonb;
    sleutel text;
    aantal integer := 0;
    vorige text := current_setting('honingraat.audit_onderhoud', true);
BEGIN
    IF vervanging IS NULL OR length(vervanging) < 3 THEN
        RAISE EXCEPTION 'een anonimisering vervangt door een herkenbare markering';
    END IF;
    PERFORM set_config('honingraat.audit_onderhoud', 'aan', true);
    FOR rij IN SELECT key::bigint AS id, value AS nieuw FROM jsonb_each(coalesce(wijzigingen, '{}'::jsonb)) LOOP
        SELECT w.wijzigingen INTO oud FROM netwerk_wijziging w WHERE w.id = rij.id FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'auditregel % bestaat niet', rij.id;
        END IF;
        IF jsonb_typeof(rij.nieuw) <> 'object'
            OR (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(oud) k)
                IS DISTINCT FROM (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(rij.nieuw) k)
        THEN
            RAISE EXCEPTION 'auditregel %: anonimiseren mag geen velden toevoegen of weglaten', rij.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        FOR sleutel IN SELECT jsonb_object_keys(rij.nieuw) LOOP
            IF rij.nieuw -> sleutel IS DISTINCT FROM oud -> sleutel
                AND NOT netwerk_audit_enkel_vervanging(rij.nieuw -> sleutel, vervanging)
            THEN
                RAISE EXCEPTION 'auditregel %: % mag enkel door de markering vervangen worden', rij.id, sleutel
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END LOOP;
        UPDATE netwerk_wijziging SET wijzigingen = rij.nieuw WHERE id = rij.id;
        aantal := aantal + 1;
    END LOOP;
    UPDATE netwerk_inzage SET omschrijving = vervanging WHERE id = ANY(coalesce(inzages, '{}'));
    PERFORM set_config('honingraat.audit_onderhoud', coalesce(vorige, ''), true);
    RETURN aantal;
END;
$$;

REVOKE ALL ON FUNCTION netwerk_audit_anonimiseren(jsonb, bigint[], text) FROM PUBLIC;
"""

TERUG = """
DROP FUNCTION IF EXISTS netwerk_audit_anonimiseren(jsonb, bigint[], text);
DROP FUNCTION IF EXISTS netwerk_audit_enkel_vervanging(jsonb, text);
"""


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0008_audit_alleen_toevoegen"), ("trajecten", "0002_wisverzoek")]

    operations = [migrations.RunSQL(HEEN, TERUG)]
