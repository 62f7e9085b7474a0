import GRDB

extension DataScope {
    /// Refuses a change that names a customer outside the scope. The message is the same as for a customer that
    /// does not exist, so it tells nothing about customers the actor may not see.
    func requireVisible(_ customerID: String, _ db: Database) throws {
        let condition = customerCondition("customer_id")
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM base_customer WHERE customer_id = ? AND \(condition.sql)",
                                arguments: [customerID] + condition.arguments) == true else {
            throw MutationError("你的客户中没有 \(customerID) (no customer \(customerID) among yours)")
        }
    }
}
