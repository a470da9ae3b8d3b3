"""What each endpoint returns. Field names are English; coded values (kind, level, stage, status)
are the stored codes, each with a `*_label` in the reader's language. ID numbers and phones only
ever leave masked, by the same functions as every page (ali_party.masking)."""
from rest_framework import serializers

from ali_party.masking import mask_id_number, mask_phone
from branches.models import Area, PartyOrganization
from cadres.models import PartyMember
from dues.models import DuesLedger
from orglife.models import Term


class AreaSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    parent = serializers.SerializerMethodField()

    class Meta:
        model = Area
        fields = ["id", "name", "level", "level_label", "code", "is_border_village", "is_community", "depth",
                  "parent"]

    def get_parent(self, obj) -> int | None:
        """The parent's id; null for the top of the reader's scope (its parent is not theirs)."""
        return getattr(obj, "parent_id", None) if obj.path != self.context.get("scope_path") else None


class OrganizationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = PartyOrganization
        fields = ["id", "name", "kind", "kind_label", "parent", "area", "area_name", "founded_on", "status",
                  "status_label", "status_changed_on", "unit_name", "at_relocation_site",
                  "at_border_resettlement_site", "merged_into"]


class MemberSerializer(serializers.ModelSerializer):
    gender_label = serializers.CharField(source="get_gender_display", read_only=True)
    # The stored value of 民族 is its Chinese name: the API gives the name in the reader's language.
    ethnicity = serializers.CharField(source="get_ethnicity_display", read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    left_party_kind_label = serializers.CharField(source="get_left_party_kind_display", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    area = serializers.IntegerField(source="organization.area_id", read_only=True)
    id_number_masked = serializers.SerializerMethodField()
    phone_masked = serializers.SerializerMethodField()

    class Meta:
        model = PartyMember
        fields = ["id", "name", "gender", "gender_label", "ethnicity", "birth_date",
                  "id_number_masked", "phone_masked", "education", "occupation", "organization",
                  "organization_name", "area", "stage", "stage_label", "applied_on", "activist_on",
                  "candidate_on", "admitted_on", "full_member_on", "status", "status_label", "status_changed_on",
                  "left_party_kind", "left_party_kind_label"]

    def get_id_number_masked(self, obj) -> str:
        return mask_id_number(obj.id_number)

    def get_phone_masked(self, obj) -> str:
        return mask_phone(obj.phone)


class TermSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    area = serializers.IntegerField(source="organization.area_id", read_only=True)
    is_current = serializers.BooleanField(read_only=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Term
        fields = ["id", "organization", "organization_name", "area", "number", "election_date", "start_date",
                  "due_on", "ended_on", "is_current", "previous", "approved_by", "approval_number", "approved_on",
                  "member_count"]


class LedgerSerializer(serializers.ModelSerializer):
    """One branch's dues ledger for one month, with the figures of the ledger list page."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    area = serializers.IntegerField(source="organization.area_id", read_only=True)
    members_due = serializers.IntegerField(source="due", read_only=True)
    members_paid = serializers.IntegerField(source="paid", read_only=True)
    amount_due = serializers.DecimalField(source="total_due", max_digits=14, decimal_places=2, read_only=True,
                                          allow_null=True)

    class Meta:
        model = DuesLedger
        fields = ["id", "organization", "organization_name", "area", "year", "month", "members_due",
                  "members_paid", "amount_due", "generated_at"]


class IndicatorValueSerializer(serializers.Serializer):
    """One indicator of the dashboard for one area and year: the stored snapshot it shows."""

    area = serializers.IntegerField()
    year = serializers.IntegerField()
    complete = serializers.BooleanField(help_text="True when the year's snapshots were computed whole.")
    code = serializers.CharField()
    name = serializers.CharField()
    pillar = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    display = serializers.CharField()
