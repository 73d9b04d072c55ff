from django import forms

from sixia.quotas.models import QuotaRule


class QuotaRuleForm(forms.ModelForm):
    class Meta:
        model = QuotaRule
        fields = ["rank", "kind", "measure", "period", "where", "amount", "region_prefix", "remind_days_before",
                  "is_active", "source"]
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}
