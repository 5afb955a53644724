"""The database itself keeps every distribution's hours summing to its envelope.

A deferred constraint trigger checks, at commit, each distribution whose time frames changed: a move of
hours that forgets one side, or two coordinators racing, fails the transaction instead of losing an hour.
"""

from django.db import migrations

FUNCTIE = """
CREATE FUNCTION capaciteit_som_controleren() RETURNS trigger AS $$
DECLARE
    totaal bigint;
    envelop bigint;
    verdeling bigint := COALESCE(NEW.verdeling_id, OLD.verdeling_id);
BEGIN
    SELECT COALESCE(SUM(uren), 0) INTO totaal FROM capaciteit_tijdskader WHERE verdeling_id = verdeling;
    SELECT uren INTO envelop FROM capaciteit_verdeling WHERE id = verdeling;
    IF envelop IS NOT NULL AND totaal <> envelop THEN
        RAISE EXCEPTION 'De tijdskaders van verdeling % tellen op tot % uur, de envelop is % uur',
            verdeling, totaal, envelop USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER capaciteit_som_blijft_envelop
    AFTER INSERT OR UPDATE OR DELETE ON capaciteit_tijdskader
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION capaciteit_som_controleren();
"""

TERUG = """
DROP TRIGGER IF EXISTS capaciteit_som_blijft_envelop ON capaciteit_tijdskader;
DROP FUNCTION IF EXISTS capaciteit_som_controleren();
"""


class Migration(migrations.Migration):
    dependencies = [("capaciteit", "0001_initial")]

    operations = [migrations.RunSQL(FUNCTIE, TERUG)]
