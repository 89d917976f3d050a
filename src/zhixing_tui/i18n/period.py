"""``zhixing period`` and the case screen's extension dialog: the execution period (执行期限)."""

# --- CLI ----------------------------------------------------------------------------------------
HELP_APP = "执行期限：查看法定执行期限及不计入的期间，申请延长，审批延长申请"
HELP_SHOW = "查看案件的法定执行期限（6个月，非诉执行3个月）、届满日、延长情况和不计入的期间"
HELP_EXTEND = "申请延长执行期限（应在期限届满前5日提出，报院长或副院长批准）"
HELP_DECIDE = "审批案件待审批的延长执行期限申请（副院长、院长）"
HELP_CASE_NO = "案号，如 （2026）豫0326执123号"
METAVAR_CASE_NO = "案号"
HELP_PERIOD = "延长的期限，如 3个月、30日（一次不超过三个月；默认3个月）"
HELP_REASON = "申请延长的特殊情况（原因）"
HELP_APPROVE = "批准（--approve）或不批准（--reject）"
HELP_NOTE = "审批意见"

SHOW_HEADER = "{case_no}　法定执行期限"
SHOW_KIND = "案件类别：{kind}"
KIND_NON_LITIGATION = "非诉执行案件（立案起3个月）"
KIND_ORDINARY = "执行案件（立案起6个月）"
SHOW_PERIOD = "期限：{period}（自立案 {filed_on}）"
SHOW_DUE = "届满日：{due_on}"
SHOW_DONE = "届满日：{due_on}（已结案）"
SHOW_NONE = "尚无法定执行期限节点"
SHOW_NOTE = "延长：{note}"
SHOW_LAST_REQUEST = "延长申请最迟于 {day} 提出"
SHOW_PENDING = "待审批的延长申请：编号 {id}，延长{period}，申请人 {by}"
SHOW_PAUSES = "不计入执行期限的期间："
SHOW_PAUSE = "  {kind}　{start_on} 至 {end_on}　{how}"
PAUSE_OPEN = "（进行中）"
PAUSE_BY_EVENT = "由办理记录自动计入"
PAUSE_BY_HAND = "中止/暂缓决定"
SHOW_SOURCE = "依据：{source}"

REQUESTED = "已申请延长执行期限{period}（审批编号 {id}），待院长或副院长批准"
NO_PENDING = "案件 {case_no} 没有待审批的延长执行期限申请"
APPROVED = "已批准：执行期限届满日顺延至 {due_on}"
REJECTED = "已不批准延长执行期限"

# --- TUI: the case screen's dialog ----------------------------------------------------------------
KEY_EXTEND = "申请延长期限"
EXTEND_TITLE = "申请延长执行期限"
EXTEND_NOTE = (
    "法发〔2006〕35号 第一条：有特殊情况须延长执行期限的，报请院长或副院长批准；应在期限届满前5日提出。"
)
LABEL_PERIOD = "延长期限"
LABEL_REASON = "特殊情况（原因）"
#: the extension service's names of the dialog's fields (InvalidValue.field) → the field's widget
EXTEND_FIELDS = {"延长期限": "extend-period", "原因": "extend-reason"}
KEY_SUBMIT = "提交申请"
KEY_CANCEL = "取消"
EXTEND_DONE = "已提交延长执行期限申请（审批编号 {id}）"
