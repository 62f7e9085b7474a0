import CRMStore

/// How a kind of customer set reads.
enum CustomerSetText {
    static func kind(_ kind: CustomerSet.Kind, short: Bool) -> Text {
        switch kind {
        case .group: return Text("客户群", "Group")
        case .namedList: return Text("名单", "List")
        case .conglomerate: return short ? Text("集团", "Conglomerate") : Text("集团客户", "Conglomerate")
        }
    }
}
