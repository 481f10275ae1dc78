//! Revocable tokens: each participant has a token version, carried in every token issued
//! to them. Revoking the participant raises it, and every token with the old version is
//! refused from then on (HTTP and WebSocket), well before it would expire.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Participants::Table)
                .add_column(
                    ColumnDef::new(Participants::TokenVersion)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Participants::Table)
                .drop_column(Participants::TokenVersion)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Participants {
    Table,
    TokenVersion,
}
